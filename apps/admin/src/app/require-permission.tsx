import { Result } from 'antd';
import type { ReactNode } from 'react';
import { rolesGrant } from './app.permissions';
import type { UiPermission } from './app.permissions';
import { useSession } from './auth.context';

/**
 * Shows a page only to roles that hold its permission, so a typed address does not open a screen full of 403s. The
 * api's guard is what actually refuses.
 */
export function RequirePermission({ permission, children }: { permission: UiPermission; children: ReactNode }) {
  const session = useSession();
  if (rolesGrant(session.user.roles, permission)) return children;
  return (
    <Result
      status="403"
      title="Not available to your role"
      subTitle={`This page needs the ${permission} permission, which your roles do not grant.`}
    />
  );
}
