import { Route, Routes } from 'react-router';
import { TransactionsPage } from './transactions.page';

/** The transactions explorer's pages (mounted at /transactions/* by the app router). */
export function TransactionsRoutes() {
  return (
    <Routes>
      <Route index element={<TransactionsPage />} />
    </Routes>
  );
}
