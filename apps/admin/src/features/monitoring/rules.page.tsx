import { ApartmentOutlined } from '@ant-design/icons';
import { CapabilityPlaceholder } from '../../shared/capability-placeholder';

export function RulesPage() {
  return (
    <CapabilityPlaceholder
      area="Rules and models"
      icon={<ApartmentOutlined />}
      arrival="Rules and models arrive with the transaction-monitoring capability."
      purpose="Compliance officers will author, test and publish the rules and models that raise monitoring alerts."
    />
  );
}
