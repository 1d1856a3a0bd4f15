import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { CasesPage } from './cases.page';

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
    </Routes>
  );
}
