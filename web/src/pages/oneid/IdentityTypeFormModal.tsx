import { useMemo, useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Switch, type FormRule } from 'antd';
import { oneIdApi, type IdentityType } from '../../api/oneid';
import { useFormErrorHandler } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import {
  TYPE_CODE_MAX,
  TYPE_CODE_MIN,
  TYPE_LIMIT_MAX,
  TYPE_LIMIT_MIN,
  TYPE_NAME_MAX,
  TYPE_PRIORITY_MAX,
  TYPE_PRIORITY_MIN,
  codeProblem,
  limitProblem,
  nameProblem,
  priorityProblem,
  toNewIdentityType,
  type IdentityTypeFormValues,
} from '../../lib/oneid';

const FIELDS = ['code', 'displayName', 'priority', 'maxPerCustomer', 'shopScoped'] as const;

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (type: IdentityType) => void;
}

/**
 * Adds a merchant's own identity type; the rules mirror the server's and word its problems alike
 * (`identity_type.v.<name>`). The server's field errors (a taken code's 409 among them) land on their fields in the
 * user's language.
 */
export function IdentityTypeFormModal({ open, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const handleFormError = useFormErrorHandler();
  const [form] = Form.useForm<IdentityTypeFormValues>();
  const [submitting, setSubmitting] = useState(false);

  const rules = useMemo(() => {
    const check = (problem: string | null, wording: Record<string, string>): Promise<void> =>
      problem ? Promise.reject(new Error(wording[problem])) : Promise.resolve();
    const required = t('identity_type.v.required');
    return {
      code: [
        {
          validator: (_, v: string | undefined) =>
            check(codeProblem(v), {
              required,
              length: t('oneid.v.codeLength', { min: TYPE_CODE_MIN, max: TYPE_CODE_MAX }),
              pattern: t('oneid.v.codePattern'),
            }),
        },
      ] satisfies FormRule[],
      displayName: [
        {
          validator: (_, v: string | undefined) =>
            check(nameProblem(v), { required, length: t('identity_type.v.nameTooLong', { max: TYPE_NAME_MAX }) }),
        },
      ] satisfies FormRule[],
      priority: [
        {
          validator: (_, v: number | null | undefined) => {
            const range = t('identity_type.v.priorityRange', { min: TYPE_PRIORITY_MIN, max: TYPE_PRIORITY_MAX });
            return check(priorityProblem(v), { required, integer: range, range });
          },
        },
      ] satisfies FormRule[],
      maxPerCustomer: [
        {
          validator: (_, v: number | null | undefined) => {
            const range = t('identity_type.v.limitRange', { min: TYPE_LIMIT_MIN, max: TYPE_LIMIT_MAX });
            return check(limitProblem(v), { integer: range, range });
          },
        },
      ] satisfies FormRule[],
    };
  }, [t]);

  const onFinish = async (values: IdentityTypeFormValues) => {
    setSubmitting(true);
    try {
      const created = await oneIdApi.createIdentityType(toNewIdentityType(values));
      message.success(t('oneid.typeForm.created', { code: created.code }));
      form.resetFields();
      onCreated(created);
    } catch (err) {
      handleFormError(form, err, FIELDS);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('oneid.typeForm.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('oneid.typeForm.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      okButtonProps={{ 'data-testid': 'idtype-submit' } as Record<string, string>}
      destroyOnHidden
      data-testid="idtype-modal"
    >
      <Form<IdentityTypeFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={submitting}
        initialValues={{ shopScoped: false }}
      >
        <Form.Item name="code" label={t('oneid.typeForm.code')} rules={rules.code} extra={t('oneid.typeForm.codeHelp')}>
          <Input autoComplete="off" data-testid="idtype-code" />
        </Form.Item>
        <Form.Item name="displayName" label={t('oneid.typeForm.name')} rules={rules.displayName}>
          <Input autoComplete="off" data-testid="idtype-name" />
        </Form.Item>
        <Form.Item
          name="priority"
          label={t('oneid.typeForm.priority')}
          rules={rules.priority}
          extra={t('oneid.typeForm.priorityHelp')}
        >
          <InputNumber style={{ width: '100%' }} data-testid="idtype-priority" />
        </Form.Item>
        <Form.Item
          name="maxPerCustomer"
          label={t('oneid.typeForm.limit')}
          rules={rules.maxPerCustomer}
          extra={t('oneid.typeForm.limitHelp')}
        >
          <InputNumber style={{ width: '100%' }} placeholder={t('oneid.types.noLimit')} data-testid="idtype-limit" />
        </Form.Item>
        <Form.Item
          name="shopScoped"
          label={t('oneid.typeForm.shopScoped')}
          valuePropName="checked"
          extra={t('oneid.typeForm.shopScopedHelp')}
        >
          <Switch data-testid="idtype-shopScoped" />
        </Form.Item>
        <Alert type="info" showIcon message={t('oneid.typeForm.piiNote')} />
        {/* lets Enter submit although the visible buttons are outside the form */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
