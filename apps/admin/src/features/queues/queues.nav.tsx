import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';

/** Switches between the alert queues and their settings. */
export function QueuesNav() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const sections = [
    { label: 'Alerts', value: '/queues' },
    ...(rolesGrant(session.user.roles, 'queues:manage')
      ? [{ label: 'Queue settings', value: '/queues/settings' }]
      : []),
  ];
  const current = sections.find((s) => s.value === location.pathname)?.value ?? '/queues';
  return (
    <Segmented
      options={sections}
      value={current}
      onChange={(value) => {
        void navigate(value);
      }}
    />
  );
}
