import { SettingOutlined } from '@ant-design/icons';
import { CapabilityPlaceholder } from '../../shared/capability-placeholder';

export function SettingsPage() {
  return (
    <CapabilityPlaceholder
      area="Settings"
      icon={<SettingOutlined />}
      arrival="Tenant settings arrive with the capabilities that need them (queues, risk matrix, report deadlines)."
      purpose="Users, roles and API keys already have their own pages; this area will hold the tenant's configuration."
    />
  );
}
