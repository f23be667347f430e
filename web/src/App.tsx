import { Route, Routes } from 'react-router-dom';
import { RequireAuth, RequirePermission } from './auth/guards';
import AppLayout from './layout/AppLayout';
import { extraRoutes, navEntries, type RouteEntry } from './nav';
import ChangePasswordPage from './pages/ChangePasswordPage';
import LoginPage from './pages/LoginPage';
import { NotFoundResult } from './pages/ResultPages';

function guarded({ path, permission, page: Page }: RouteEntry) {
  return (
    <Route
      key={path}
      path={path}
      element={
        <RequirePermission permission={permission}>
          <Page />
        </RequirePermission>
      }
    />
  );
}

export default function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/change-password"
        element={
          <RequireAuth allowPasswordChange>
            <ChangePasswordPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        {navEntries.map(guarded)}
        {extraRoutes.map(guarded)}
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
