import { InboxOutlined } from '@ant-design/icons';
import { CapabilityPlaceholder } from '../../shared/capability-placeholder';

export function QueuesPage() {
  return (
    <CapabilityPlaceholder
      area="Alert queues"
      icon={<InboxOutlined />}
      arrival="Alert queues arrive with the case-management capability."
      purpose="Analysts will work monitoring and screening alerts from prioritised queues with SLA tracking."
    />
  );
}
