import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { AlertDetailPage } from './alert-detail.page';
import { QueueSettingsPage } from './queue-settings.page';
import { QueuesPage } from './queues.page';

/** The Queues area's pages (mounted at /queues/* by the app router). */
export function QueuesRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <RequirePermission permission="alerts:read">
            <QueuesPage />
          </RequirePermission>
        }
      />
      <Route
        path="alerts/:id"
        element={
          <RequirePermission permission="alerts:read">
            <AlertDetailPage />
          </RequirePermission>
        }
      />
      <Route
        path="settings"
        element={
          <RequirePermission permission="queues:manage">
            <QueueSettingsPage />
          </RequirePermission>
        }
      />
    </Routes>
  );
}
