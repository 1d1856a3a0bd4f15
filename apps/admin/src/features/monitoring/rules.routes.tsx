import { Route, Routes } from 'react-router';
import { RulesPage } from './rules.page';

/** The rules and models area's pages (mounted at /rules/* by the app router). */
export function RulesRoutes() {
  return (
    <Routes>
      <Route index element={<RulesPage />} />
    </Routes>
  );
}
