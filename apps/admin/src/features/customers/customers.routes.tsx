import { Route, Routes } from 'react-router';
import { CustomersPage } from './customers.page';

/** The customers area's pages (mounted at /customers/* by the app router). */
export function CustomersRoutes() {
  return (
    <Routes>
      <Route index element={<CustomersPage />} />
    </Routes>
  );
}
