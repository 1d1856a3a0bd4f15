import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { Iso20022MessagePage } from './iso20022-message.page';
import { Iso20022Page } from './iso20022.page';

/** The Iso20022 area's pages (mounted at /iso20022/* by the app router). */
export function Iso20022Routes() {
  return (
    <Routes>
      <Route
        index
        element={
          <RequirePermission permission="iso20022:read">
            <Iso20022Page />
          </RequirePermission>
        }
      />
      <Route
        path="messages/:id"
        element={
          <RequirePermission permission="iso20022:read">
            <Iso20022MessagePage />
          </RequirePermission>
        }
      />
    </Routes>
  );
}
