import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { CaseWorkspacePage } from './case-workspace.page';
import { CasesPage } from './cases.page';
import { CaseDashboardsPage } from './dashboards.page';

/** The Cases area's pages (mounted at /cases/* by the app router). */
export function CasesRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <RequirePermission permission="cases:read">
            <CasesPage />
          </RequirePermission>
        }
      />
      <Route
        path="dashboards"
        element={
          <RequirePermission permission="alerts:read">
            <CaseDashboardsPage />
          </RequirePermission>
        }
      />
      <Route
        path=":id"
        element={
          <RequirePermission permission="cases:read">
            <CaseWorkspacePage />
          </RequirePermission>
        }
      />
    </Routes>
  );
}
