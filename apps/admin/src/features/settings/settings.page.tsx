import { SettingOutlined } from '@ant-design/icons';
import { CapabilityPlaceholder } from '../../shared/capability-placeholder';

export function SettingsPage() {
  return (
    <CapabilityPlaceholder
      area="Settings"
      icon={<SettingOutlined />}
      arrival="Settings arrive with the identity administration capability."
      purpose="Administrators will manage users, roles and tenant configuration."
    />
  );
}
