import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { ApiError } from '../../api/api';
import { loyaltyApi, type Member } from '../../api/loyalty';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { isUuid } from '../../lib/coupons';

/** Enrols a customer by id (POST /members); a customer who is a member already is answered as is. */
export function EnrolModal({ onClose, onEnrolled }: { onClose: () => void; onEnrolled: (m: Member) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<{ customerId: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async ({ customerId }: { customerId: string }) => {
    setSubmitting(true);
    setProblem(null);
    try {
      const m = await loyaltyApi.enrol(customerId.trim());
      message.success(t('loyalty.enrol.done', { memberNo: m.memberNo }));
      onEnrolled(m);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        // no such customer, or no program yet: the server says which
        setProblem(err.problem.detail || err.problem.title);
      } else if (err instanceof ApiError && err.fieldErrors.length > 0) {
        form.setFields([{ name: 'customerId', errors: err.fieldErrors.map((e) => e.message) }]);
      } else {
        showError(err);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      title={t('loyalty.enrol.title')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} data-testid="enrol-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} data-testid="enrol-submit">
            {t('loyalty.enrol.submit')}
          </Button>
        </Flex>
      }
      onCancel={onClose}
      destroyOnHidden
      data-testid="enrol-modal"
    >
      <Typography.Paragraph type="secondary">{t('loyalty.enrol.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={submitting}>
        <Form.Item
          name="customerId"
          label={t('loyalty.enrol.customerId')}
          rules={[
            { required: true, whitespace: true, message: t('v.required') },
            { validator: (_, v: string | undefined) => (!v?.trim() || isUuid(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('loyalty.enrol.notUuid')))) },
          ]}
        >
          <Input className="ll-mono" autoComplete="off" placeholder="0190a1b2-…" data-testid="enrol-customer-id" onChange={() => setProblem(null)} />
        </Form.Item>
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
      {problem && <Alert type="error" showIcon message={problem} data-testid="enrol-error" />}
    </Modal>
  );
}
