import { useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Form, Input, InputNumber, Radio, Switch, Typography, type FormRule } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { ApiError, mapFieldErrors } from '../../api/api';
import { EARN_ON, EXPIRY_RULES, loyaltyApi, type LoyaltyProgram } from '../../api/loyalty';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { earnOnLabel, expiryLabel } from '../../i18n/labels';
import {
  EXPIRY_MONTHS_MAX,
  NEW_PROGRAM_VALUES,
  POINTS_PER_UNIT_MAX,
  PROGRAM_FIELDS,
  PROGRAM_NAME_MAX,
  problemText,
  programProblems,
  programToForm,
  toProgramInput,
  type ProgramField,
  type ProgramFormValues,
} from '../../lib/loyalty';
import { formatDateTime } from '../../lib/format';

interface Props {
  /** The stored program; null to set one up. */
  program: LoyaltyProgram | null;
  /** Without `loyalty.manage` the form is read-only. */
  manage: boolean;
  onSaved: (program: LoyaltyProgram) => void;
}

/** The program's settings: name, on/off, points per unit, when orders earn, when points expire, enrolment, earn-from. */
export function ProgramForm({ program, manage, onSaved }: Props) {
  const tr = useI18n();
  const { t } = tr;
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<ProgramFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const initialValues = useMemo(() => (program ? programToForm(program) : NEW_PROGRAM_VALUES), [program]);
  const expiry = Form.useWatch('expiry', form) ?? initialValues.expiry;
  const enabled = Form.useWatch('enabled', form) ?? initialValues.enabled;
  const ppu = Form.useWatch('pointsPerUnit', form);

  const rule = (field: ProgramField): FormRule => ({ getFieldsValue }) => ({
    validator() {
      const p = programProblems({ ...initialValues, ...(getFieldsValue(true) as ProgramFormValues) })[field];
      return p ? Promise.reject(new Error(problemText(tr, p))) : Promise.resolve();
    },
  });

  const onFinish = async (v: ProgramFormValues) => {
    setSubmitting(true);
    try {
      const saved = await loyaltyApi.saveProgram(toProgramInput({ ...initialValues, ...v }));
      message.success(t(program ? 'loyalty.program.saved' : 'loyalty.program.created', { name: saved.name }));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const { fields, unmapped } = mapFieldErrors(err.fieldErrors, PROGRAM_FIELDS);
        form.setFields(fields.map((f) => ({ name: f.name as ProgramField, errors: f.errors })));
        const extra = unmapped.map((u) => `${u.field}: ${u.message}`).join('; ');
        message.error(extra ? `${t('error.validation')} ${extra}` : t('error.validation'));
      } else {
        showError(err);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const example = typeof ppu === 'number' && ppu >= 0 ? Math.floor(100 * ppu) : null;
  return (
    <Form<ProgramFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={!manage || submitting}
      data-testid="loyalty-program-form"
      style={{ maxWidth: 760 }}
    >
      <Flex gap={16} wrap>
        <Form.Item name="name" label={t('loyalty.program.name')} rules={[rule('name')]} style={{ flex: '1 1 320px' }}>
          <Input maxLength={PROGRAM_NAME_MAX} placeholder={t('loyalty.program.namePlaceholder')} autoComplete="off" data-testid="loyalty-program-name" />
        </Form.Item>
        <Form.Item name="enabled" label={t('loyalty.program.enabled')} valuePropName="checked" style={{ flex: '0 0 auto' }}>
          <Switch data-testid="loyalty-program-enabled" />
        </Form.Item>
      </Flex>
      {program && !enabled && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('loyalty.program.disabledHint')} data-testid="loyalty-program-disabled" />
      )}
      <Form.Item
        name="pointsPerUnit"
        label={t('loyalty.program.pointsPerUnit')}
        extra={example !== null ? t('loyalty.program.pointsPerUnitExample', { points: example }) : t('loyalty.program.pointsPerUnitHelp')}
        rules={[rule('pointsPerUnit')]}
      >
        <InputNumber
          min={0}
          max={POINTS_PER_UNIT_MAX}
          precision={4}
          step={0.1}
          style={{ width: 220 }}
          addonAfter={t('loyalty.program.pointsPerUnitUnit')}
          data-testid="loyalty-program-pointsPerUnit"
        />
      </Form.Item>
      <Form.Item name="earnOn" label={t('loyalty.program.earnOn')} extra={t('loyalty.program.earnOnHelp')} rules={[rule('earnOn')]}>
        <Radio.Group data-testid="loyalty-program-earnOn">
          {EARN_ON.map((e) => (
            <Radio key={e} value={e} data-testid={`loyalty-program-earnOn-${e}`}>
              {earnOnLabel(tr, e)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Flex gap={16} wrap align="flex-start">
        <Form.Item name="expiry" label={t('loyalty.program.expiry')} rules={[rule('expiry')]} style={{ flex: '0 1 auto' }}>
          <Radio.Group data-testid="loyalty-program-expiry">
            {EXPIRY_RULES.map((e) => (
              <Radio key={e} value={e} data-testid={`loyalty-program-expiry-${e}`}>
                {expiryLabel(tr, e)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {expiry === 'months' && (
          <Form.Item name="expiryMonths" label={t('loyalty.program.expiryMonths')} rules={[rule('expiryMonths')]} dependencies={['expiry']}>
            <InputNumber min={1} max={EXPIRY_MONTHS_MAX} precision={0} style={{ width: 160 }} addonAfter={t('loyalty.unit.months')} data-testid="loyalty-program-expiryMonths" />
          </Form.Item>
        )}
      </Flex>
      <Form.Item name="autoEnrol" label={t('loyalty.program.autoEnrol')} valuePropName="checked" extra={t('loyalty.program.autoEnrolHelp')}>
        <Switch data-testid="loyalty-program-autoEnrol" />
      </Form.Item>
      <Form.Item
        name="earnFrom"
        label={t('loyalty.program.earnFrom')}
        extra={program ? t('loyalty.program.earnFromHelp') : t('loyalty.program.earnFromNewHelp')}
        rules={[rule('earnFrom')]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowClear={!program}
          placeholder={t('loyalty.program.earnFromNow')}
          style={{ width: 240 }}
          data-testid="loyalty-program-earnFrom"
        />
      </Form.Item>
      <Flex gap={12} align="center" wrap>
        {manage && (
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={submitting} disabled={false} data-testid="loyalty-program-submit">
            {program ? t('common.save') : t('loyalty.program.setUp')}
          </Button>
        )}
        {program?.updatedAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('loyalty.program.updatedAt', { time: formatDateTime(program.updatedAt) })}
          </Typography.Text>
        )}
      </Flex>
    </Form>
  );
}
