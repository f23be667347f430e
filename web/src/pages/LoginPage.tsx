import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/api';
import { useAuth } from '../auth/AuthContext';
import { FullPageSpin } from '../auth/guards';
import { AuthShell } from '../components/AuthShell';
import { useI18n } from '../i18n/I18nProvider';
import { formatLockTime } from '../lib/format';
import { changePasswordPath, safeNext } from '../lib/redirect';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { status, me, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (status === 'loading') return <FullPageSpin />;
  if (status === 'authenticated' && me && !submitting) {
    return <Navigate to={me.mustChangePassword ? changePasswordPath(next) : next} replace />;
  }

  const describe = (err: unknown): string => {
    if (!(err instanceof ApiError)) return t('error.generic', { status: '?' });
    if (err.isNetworkError) return t('error.network');
    switch (err.slug) {
      case 'bad-credentials':
        return t('login.badCredentials');
      case 'account-locked':
        return err.problem.lockedUntil
          ? t('login.locked', { time: formatLockTime(err.problem.lockedUntil) })
          : t('login.lockedNoTime');
      case 'account-disabled':
        return t('login.disabled');
      default:
        return err.problem.detail || err.problem.title || t('error.generic', { status: err.status });
    }
  };

  const onFinish = async (values: LoginForm) => {
    setError(null);
    setSubmitting(true);
    try {
      const m = await login(values.username.trim(), values.password);
      navigate(m.mustChangePassword ? changePasswordPath(next) : next, { replace: true });
    } catch (err) {
      setError(describe(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthShell title={t('login.subtitle')}>
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />
      )}
      <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('v.required') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('v.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
