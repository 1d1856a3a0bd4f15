import { Route, Routes } from 'react-router';
import { RulesPage } from './rules.page';

/** The transactions explorer's pages (mounted at /transactions/* by the app router). */
export function TransactionsRoutes() {
  return (
    <Routes>
      <Route index element={<RulesPage />} />
    </Routes>
  );
}
