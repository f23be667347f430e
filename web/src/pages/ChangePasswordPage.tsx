import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { authApi } from '../api/services';
import { useAuth } from '../auth/AuthContext';
import { AuthShell } from '../components/AuthShell';
import { useFormErrorHandler } from '../hooks/useApiError';
import { useFormRules } from '../hooks/useFormRules';
import { useI18n } from '../i18n/I18nProvider';
import { PASSWORD_MIN } from '../lib/validation';
import { safeNext } from '../lib/redirect';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

export default function ChangePasswordPage() {
  const { t } = useI18n();
  const { me, refresh, logout } = useAuth();
  const { message } = App.useApp();
  const rules = useFormRules();
  const handleFormError = useFormErrorHandler();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form] = Form.useForm<ChangePasswordForm>();
  const [submitting, setSubmitting] = useState(false);
  const forced = !!me?.mustChangePassword;

  const onFinish = async (v: ChangePasswordForm) => {
    setSubmitting(true);
    try {
      await authApi.changePassword(v.currentPassword, v.newPassword);
      message.success(t('cp.success'));
      await refresh();
      navigate(next, { replace: true });
    } catch (err) {
      handleFormError(form, err, FIELDS);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthShell title={t('cp.title')}>
      {forced && <Alert type="warning" showIcon message={t('cp.forced')} style={{ marginBottom: 16 }} />}
      <Form<ChangePasswordForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('cp.current')} rules={[rules.required]}>
          <Input.Password autoComplete="current-password" autoFocus data-testid="cp-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('cp.new')}
          extra={t('cp.rules', { min: PASSWORD_MIN })}
          dependencies={['currentPassword']}
          rules={rules.newPassword({ username: me?.username, currentField: 'currentPassword' })}
        >
          <Input.Password autoComplete="new-password" data-testid="cp-new" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('cp.confirm')}
          dependencies={['newPassword']}
          rules={rules.confirmPassword('newPassword')}
        >
          <Input.Password autoComplete="new-password" data-testid="cp-confirm" />
        </Form.Item>
        <Flex gap={8}>
          {!forced && (
            <Button block size="large" onClick={() => navigate(next)}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="cp-submit">
            {t('cp.submit')}
          </Button>
        </Flex>
        {forced && (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button type="link" onClick={() => void logout().finally(() => navigate('/login', { replace: true }))}>
              {t('header.logout')}
            </Button>
          </Flex>
        )}
      </Form>
    </AuthShell>
  );
}
