import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { ReportEditorPage } from './report-editor.page';
import { ReportsPage } from './reports.page';

/** The Reports area's pages (mounted at /reports/* by the app router). */
export function ReportsRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <RequirePermission permission="reports:read">
            <ReportsPage />
          </RequirePermission>
        }
      />
      <Route
        path=":id"
        element={
          <RequirePermission permission="reports:read">
            <ReportEditorPage />
          </RequirePermission>
        }
      />
    </Routes>
  );
}
