import { useState } from 'react';
import { Alert, App, Checkbox, Form, Modal } from 'antd';
import { usersApi } from '../../api/services';
import type { User } from '../../api/types';
import { PasswordInput } from '../../components/PasswordInput';
import { useFormErrorHandler } from '../../hooks/useApiError';
import { useFormRules } from '../../hooks/useFormRules';
import { useI18n } from '../../i18n/I18nProvider';

interface ResetForm {
  newPassword: string;
  mustChangePassword: boolean;
}

const FIELDS = ['newPassword', 'mustChangePassword'] as const;

/** An administrator sets a new password for a user (which also unlocks the account). */
export function ResetPasswordModal({ user, onClose, onDone }: { user: User | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rules = useFormRules();
  const handleFormError = useFormErrorHandler();
  const [form] = Form.useForm<ResetForm>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (v: ResetForm) => {
    if (!user) return;
    setSubmitting(true);
    try {
      await usersApi.resetPassword(user.id, v.newPassword, v.mustChangePassword);
      message.success(t('users.passwordReset', { name: user.username }));
      onDone();
    } catch (err) {
      handleFormError(form, err, FIELDS);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.reset.title', { name: user.username }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t('users.reset.hint')} style={{ marginBottom: 16 }} />
      <Form<ResetForm> form={form} layout="vertical" onFinish={onFinish} initialValues={{ mustChangePassword: true }}>
        <Form.Item
          name="newPassword"
          label={t('users.reset.newPassword')}
          rules={rules.newPassword({ username: user?.username })}
        >
          <PasswordInput data-testid="reset-password" />
        </Form.Item>
        <Form.Item name="mustChangePassword" valuePropName="checked">
          <Checkbox>{t('users.form.mustChangePassword')}</Checkbox>
        </Form.Item>
        {/* lets Enter submit although the visible buttons are outside the form */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
