import { useState } from 'react';
import { App, Button, Checkbox, Drawer, Flex, Form, Input, Select, Switch } from 'antd';
import { ApiError } from '../../api/api';
import { usersApi } from '../../api/services';
import type { User } from '../../api/types';
import { PasswordInput } from '../../components/PasswordInput';
import { useFormErrorHandler } from '../../hooks/useApiError';
import { useFormRules } from '../../hooks/useFormRules';
import { useRoles } from '../../hooks/useRoles';
import { useI18n } from '../../i18n/I18nProvider';
import { roleLabel } from '../../i18n/labels';

interface UserFormValues {
  username: string;
  displayName: string;
  email?: string;
  roles: string[];
  password: string;
  mustChangePassword: boolean;
  enabled: boolean;
}

const FIELDS = ['username', 'displayName', 'email', 'roles', 'password', 'mustChangePassword', 'enabled'] as const;

interface Props {
  open: boolean;
  /** The user to edit; null to create one. */
  user: User | null;
  onClose: () => void;
  onSaved: (user: User, created: boolean) => void;
}

/** Creates a user, or edits one (then without username and password). */
export function UserFormDrawer({ open, user, onClose, onSaved }: Props) {
  const tr = useI18n();
  const { t } = tr;
  const { message } = App.useApp();
  const rules = useFormRules();
  const handleFormError = useFormErrorHandler();
  const { roles } = useRoles();
  const [form] = Form.useForm<UserFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const editing = user !== null;

  // the drawer's content is destroyed when hidden, so the form starts from these each time it opens
  const initialValues: Partial<UserFormValues> = user
    ? { displayName: user.displayName, email: user.email ?? '', roles: user.roles, enabled: user.enabled }
    : { mustChangePassword: true, roles: [], enabled: true };

  const onFinish = async (v: UserFormValues) => {
    setSubmitting(true);
    const email = v.email?.trim() ? v.email.trim() : null;
    try {
      const saved = user
        ? await usersApi.update(user.id, { displayName: v.displayName.trim(), email, roles: v.roles, enabled: v.enabled })
        : await usersApi.create({
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            email,
            roles: v.roles,
            password: v.password,
            mustChangePassword: v.mustChangePassword,
          });
      message.success(t(user ? 'users.updated' : 'users.created', { name: saved.username }));
      onSaved(saved, !user);
    } catch (err) {
      if (!user && err instanceof ApiError && err.is('conflict')) {
        form.setFields([{ name: 'username', errors: [err.problem.detail || t('users.usernameTaken')] }]);
      } else {
        handleFormError(form, err, FIELDS);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('users.form.editTitle', { name: user.username }) : t('users.form.createTitle')}
      width={480}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} data-testid="user-submit">
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={submitting}
        initialValues={initialValues}
      >
        {!editing && (
          <Form.Item name="username" label={t('users.form.username')} rules={rules.username}>
            <Input autoComplete="off" data-testid="user-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.form.displayName')} rules={rules.displayName}>
          <Input data-testid="user-displayName" />
        </Form.Item>
        <Form.Item name="email" label={t('users.form.email')} rules={rules.email}>
          <Input type="email" autoComplete="off" data-testid="user-email" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.form.roles')} rules={rules.roles}>
          <Select
            mode="multiple"
            data-testid="user-roles"
            options={roles.map((r) => ({ value: r.code, label: roleLabel(tr, r.code) }))}
            optionFilterProp="label"
          />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item
              name="password"
              label={t('users.form.password')}
              dependencies={['username']}
              rules={rules.newPassword({ usernameField: 'username' })}
            >
              <PasswordInput data-testid="user-password" />
            </Form.Item>
            <Form.Item name="mustChangePassword" valuePropName="checked">
              <Checkbox data-testid="user-mustChangePassword">{t('users.form.mustChangePassword')}</Checkbox>
            </Form.Item>
          </>
        )}
        {editing && (
          <Form.Item name="enabled" label={t('users.form.enabled')} valuePropName="checked">
            <Switch data-testid="user-enabled" />
          </Form.Item>
        )}
        {/* lets Enter submit although the visible buttons are outside the form */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Drawer>
  );
}
