import { Route, Routes } from 'react-router';
import { ScreeningPage } from './screening.page';

/** The screening area's pages (mounted at /screening/* by the app router). */
export function ScreeningRoutes() {
  return (
    <Routes>
      <Route index element={<ScreeningPage />} />
    </Routes>
  );
}
