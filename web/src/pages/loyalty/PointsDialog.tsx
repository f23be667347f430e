import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Typography, type FormRule } from 'antd';
import { ApiError, mapFieldErrors } from '../../api/api';
import { loyaltyApi, type Member, type PointsEntry } from '../../api/loyalty';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { newRequestId } from '../../lib/coupons';
import { formatNumber } from '../../lib/format';
import { MAX_POINTS_PER_ENTRY, REASON_MAX, pointsProblem, problemText } from '../../lib/loyalty';

export type PointsMode = 'adjust' | 'spend';

interface Values {
  points?: number | null;
  reason?: string;
}

interface Props {
  mode: PointsMode;
  member: Member;
  onClose: () => void;
  /** A posting was made (or an earlier one with the same request replayed). */
  onPosted: (entry: PointsEntry) => void;
  /** The server refused for the balance: the caller refetches the member. */
  onConflict: () => void;
}

/**
 * Adjusts a member's points (signed, with a reason) or spends them. Every submission carries a fresh request id, so a
 * double click or a retry after a lost answer posts at most once; more than the balance is the server's 409, shown here.
 */
export function PointsDialog({ mode, member, onClose, onPosted, onConflict }: Props) {
  const tr = useI18n();
  const { t, lang } = tr;
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const signed = mode === 'adjust';

  const pointsRules: FormRule[] = [
    {
      validator: (_, v: number | null | undefined) => {
        const p = pointsProblem(v, signed);
        return p ? Promise.reject(new Error(problemText(tr, p))) : Promise.resolve();
      },
    },
    {
      // a hint only: the balance may have changed since, the server decides
      warningOnly: true,
      validator: (_, v: number | null | undefined) =>
        typeof v === 'number' && (signed ? v < 0 && -v > member.balance : v > member.balance)
          ? Promise.reject(new Error(t('loyalty.points.aboveBalance', { balance: formatNumber(member.balance, lang) })))
          : Promise.resolve(),
    },
  ];

  const submit = async (v: Values) => {
    setSubmitting(true);
    setRefused(null);
    const body = { points: v.points as number, reason: v.reason?.trim() || null, requestId: newRequestId() };
    try {
      const posted = mode === 'adjust' ? await loyaltyApi.adjust(member.customerId, body) : await loyaltyApi.spend(member.customerId, body);
      message.success(
        posted.replayed
          ? t('loyalty.points.replayed')
          : t(mode === 'adjust' ? 'loyalty.points.adjusted.done' : 'loyalty.points.spent.done', {
              points: formatNumber(Math.abs(posted.entry.points), lang),
              balance: formatNumber(posted.entry.balanceAfter, lang),
            }),
      );
      onPosted(posted.entry);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setRefused(err.problem.detail || err.problem.title);
        onConflict();
      } else if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const { fields, unmapped } = mapFieldErrors(err.fieldErrors, ['points', 'reason']);
        form.setFields(fields.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
        if (unmapped.length > 0) message.error(unmapped.map((u) => `${u.field}: ${u.message}`).join('; '));
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
      title={t(mode === 'adjust' ? 'loyalty.points.adjustTitle' : 'loyalty.points.spendTitle', { memberNo: member.memberNo })}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} data-testid="points-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} data-testid="points-submit">
            {t(mode === 'adjust' ? 'loyalty.points.adjustSubmit' : 'loyalty.points.spendSubmit')}
          </Button>
        </Flex>
      }
      onCancel={onClose}
      destroyOnHidden
      data-testid="points-dialog"
    >
      <Typography.Paragraph type="secondary">
        {t('loyalty.points.currentBalance', { balance: formatNumber(member.balance, lang) })}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={submitting}>
        <Form.Item
          name="points"
          label={t(mode === 'adjust' ? 'loyalty.points.adjustPoints' : 'loyalty.points.spendPoints')}
          extra={t(mode === 'adjust' ? 'loyalty.points.adjustHelp' : 'loyalty.points.spendHelp')}
          rules={pointsRules}
        >
          <InputNumber
            precision={0}
            min={signed ? -MAX_POINTS_PER_ENTRY : 1}
            max={MAX_POINTS_PER_ENTRY}
            style={{ width: 220 }}
            onChange={() => setRefused(null)}
            data-testid="points-amount"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('loyalty.points.reason')}
          rules={signed ? [{ required: true, whitespace: true, message: t('loyalty.v.reasonRequired') }] : []}
        >
          <Input.TextArea
            rows={2}
            maxLength={REASON_MAX}
            placeholder={t(mode === 'adjust' ? 'loyalty.points.adjustReasonPlaceholder' : 'loyalty.points.spendReasonPlaceholder')}
            data-testid="points-reason"
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
      {refused && (
        <Alert type="error" showIcon message={t('loyalty.points.refused')} description={refused} data-testid="points-error" />
      )}
    </Modal>
  );
}
