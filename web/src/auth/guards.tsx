import type { ReactNode } from 'react';
import { Button, Flex, Result, Spin } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';
import { changePasswordPath, loginPath } from '../lib/redirect';
import { ForbiddenResult } from '../pages/ResultPages';
import { useAuth } from './AuthContext';

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders its children only for a signed-in user who does not have to change the password first. */
export function RequireAuth({ children, allowPasswordChange = false }: { children: ReactNode; allowPasswordChange?: boolean }) {
  const { status, me, refresh } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const here = location.pathname + location.search;

  if (status === 'loading') return <FullPageSpin />;
  if (status === 'error') {
    return (
      <Result
        status="warning"
        title={t('error.network')}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            {t('common.refresh')}
          </Button>
        }
      />
    );
  }
  if (status === 'anonymous' || !me) return <Navigate to={loginPath(here)} replace />;
  if (me.mustChangePassword && !allowPasswordChange) return <Navigate to={changePasswordPath(here)} replace />;
  return <>{children}</>;
}

/** Shows a 403 result instead of the page when the user lacks the permission. */
export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? <>{children}</> : <ForbiddenResult />;
}
