import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
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
    </Routes>
  );
}
