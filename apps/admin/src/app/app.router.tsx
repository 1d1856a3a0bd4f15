import { createBrowserRouter } from 'react-router';
import { ApiKeysPage } from '../features/api-keys/api-keys.page';
import { ApprovalsPage } from '../features/approvals/approvals.page';
import { AuditPage } from '../features/audit/audit.page';
import { AccountPage } from '../features/auth/account.page';
import { InvitationPage } from '../features/auth/invitation.page';
import { MfaEnrolmentPage } from '../features/auth/mfa-enrolment.page';
import { SignInPage } from '../features/auth/sign-in.page';
import { CasesRoutes } from '../features/cases/cases.routes';
import { CustomersRoutes } from '../features/customers/customers.routes';
import { Iso20022Routes } from '../features/iso20022/iso20022.routes';
import { RulesRoutes } from '../features/monitoring/rules.routes';
import { TransactionsRoutes } from '../features/monitoring/transactions.routes';
import { OverviewPage } from '../features/overview/overview.page';
import { QueuesRoutes } from '../features/queues/queues.routes';
import { ReportsRoutes } from '../features/reporting/reports.routes';
import { ScreeningRoutes } from '../features/screening/screening.routes';
import { SettingsPage } from '../features/settings/settings.page';
import { UsersPage } from '../features/users/users.page';
import { WebhooksPage } from '../features/webhooks/webhooks.page';
import { AppLayout } from './app.layout';
import { NotFoundPage } from './not-found.page';
import { MFA_ENROLMENT_PATH, RequireAuth } from './require-auth';
import { RequirePermission } from './require-permission';
import { RouteError } from './route-error';

export const appRouter = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
  { path: '/invite/:token', element: <InvitationPage />, errorElement: <RouteError /> },
  {
    path: MFA_ENROLMENT_PATH,
    element: (
      <RequireAuth>
        <MfaEnrolmentPage />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'queues/*', element: <QueuesRoutes /> },
      { path: 'cases/*', element: <CasesRoutes /> },
      { path: 'customers/*', element: <CustomersRoutes /> },
      { path: 'screening/*', element: <ScreeningRoutes /> },
      { path: 'rules/*', element: <RulesRoutes /> },
      { path: 'transactions/*', element: <TransactionsRoutes /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'reports/*', element: <ReportsRoutes /> },
      { path: 'iso20022/*', element: <Iso20022Routes /> },
      {
        path: 'approvals',
        element: (
          <RequirePermission permission="approvals:read">
            <ApprovalsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'users',
        element: (
          <RequirePermission permission="users:manage">
            <UsersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'api-keys',
        element: (
          <RequirePermission permission="api_keys:manage">
            <ApiKeysPage />
          </RequirePermission>
        ),
      },
      {
        path: 'webhooks',
        element: (
          <RequirePermission permission="webhooks:manage">
            <WebhooksPage />
          </RequirePermission>
        ),
      },
      { path: 'account', element: <AccountPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
