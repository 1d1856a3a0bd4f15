import { App as AntApp, ConfigProvider, theme } from 'antd';
import { RouterProvider } from 'react-router/dom';
import { appRouter } from './app.router';
import { AuthProvider } from './auth.context';

// Compact: the admin screens are dense tables and descriptions, read by analysts on one screen.
const appTheme = { algorithm: [theme.defaultAlgorithm, theme.compactAlgorithm] };

export function App() {
  return (
    <ConfigProvider theme={appTheme}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={appRouter} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
