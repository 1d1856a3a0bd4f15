import { TeamOutlined } from '@ant-design/icons';
import { CapabilityPlaceholder } from '../../shared/capability-placeholder';

export function CustomersPage() {
  return (
    <CapabilityPlaceholder
      area="Customers"
      icon={<TeamOutlined />}
      arrival="Customers arrive with the customer due-diligence capability."
      purpose="Compliance staff will see customer profiles, risk ratings and their history."
    />
  );
}
