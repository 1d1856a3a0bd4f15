import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { CustomerProfilePage } from './customer-profile.page';
import { CustomerReviewQueuePage } from './customer-review-queue.page';
import { CustomersPage } from './customers.page';
import { RiskMatrixPage } from './risk-matrix.page';

/** The customers area's pages (mounted at /customers/* by the app router). */
export function CustomersRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <RequirePermission permission="customers:read">
            <CustomersPage />
          </RequirePermission>
        }
      />
      <Route
        path="review"
        element={
          <RequirePermission permission="customers:read">
            <CustomerReviewQueuePage />
          </RequirePermission>
        }
      />
      <Route
        path="risk-matrix"
        element={
          <RequirePermission permission="risk_matrix:read">
            <RiskMatrixPage />
          </RequirePermission>
        }
      />
      <Route
        path=":id"
        element={
          <RequirePermission permission="customers:read">
            <CustomerProfilePage />
          </RequirePermission>
        }
      />
    </Routes>
  );
}
