import { FileTextOutlined } from '@ant-design/icons';
import { CapabilityPlaceholder } from '../../shared/capability-placeholder';

export function ReportsPage() {
  return (
    <CapabilityPlaceholder
      area="Reports"
      icon={<FileTextOutlined />}
      arrival="Reports arrive with the regulatory reporting capability."
      purpose="Compliance officers will prepare, approve and file suspicious activity and other regulator reports."
    />
  );
}
