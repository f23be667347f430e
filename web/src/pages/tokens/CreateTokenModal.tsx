import { useState } from 'react';
import { Checkbox, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { tokensApi } from '../../api/services';
import type { CreatedToken } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { useFormErrorHandler } from '../../hooks/useApiError';
import { useFormRules } from '../../hooks/useFormRules';
import { useI18n } from '../../i18n/I18nProvider';
import { permissionLabel } from '../../i18n/labels';
import { TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, TOKEN_DAYS_MIN } from '../../lib/validation';

interface TokenForm {
  name: string;
  expiresInDays: number;
  permissions: string[];
}

const FIELDS = ['name', 'expiresInDays', 'permissions'] as const;

/** Creates a token with a subset of the caller's own permissions (all preselected). */
export function CreateTokenModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (t: CreatedToken) => void }) {
  const tr = useI18n();
  const { t } = tr;
  const { me } = useAuth();
  const rules = useFormRules();
  const handleFormError = useFormErrorHandler();
  const [form] = Form.useForm<TokenForm>();
  const [submitting, setSubmitting] = useState(false);
  const own = me?.permissions ?? [];

  const onFinish = async (v: TokenForm) => {
    setSubmitting(true);
    try {
      onCreated(await tokensApi.create({ name: v.name.trim(), expiresInDays: v.expiresInDays, permissions: v.permissions }));
    } catch (err) {
      handleFormError(form, err, FIELDS);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('tokens.form.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={submitting}
      destroyOnHidden
      width={560}
    >
      <Form<TokenForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ expiresInDays: TOKEN_DAYS_DEFAULT, permissions: own }}
      >
        <Form.Item name="name" label={t('tokens.form.name')} rules={rules.tokenName}>
          <Input placeholder={t('tokens.form.namePlaceholder')} autoFocus data-testid="token-name" />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('tokens.form.expiresInDays')}
          rules={[
            rules.required,
            {
              type: 'number',
              min: TOKEN_DAYS_MIN,
              max: TOKEN_DAYS_MAX,
              message: t('v.expiresRange', { min: TOKEN_DAYS_MIN, max: TOKEN_DAYS_MAX }),
            },
          ]}
        >
          <InputNumber min={TOKEN_DAYS_MIN} max={TOKEN_DAYS_MAX} precision={0} style={{ width: 160 }} data-testid="token-days" />
        </Form.Item>
        <Form.Item name="permissions" label={t('tokens.form.permissions')} rules={rules.permissions}>
          <Checkbox.Group style={{ width: '100%' }} data-testid="token-permissions">
            <Row gutter={[8, 8]}>
              {own.map((p) => (
                <Col key={p} xs={24} sm={12}>
                  <Checkbox value={p}>
                    {permissionLabel(tr, p)} <span style={{ color: '#8c8c8c', fontSize: 12 }}>{p}</span>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        {/* lets Enter submit although the visible buttons are outside the form */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
