import { useMemo } from 'react';
import { Card, DatePicker, Divider, Form, Input, InputNumber, Select, Space, Switch, Typography, type FormRule } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ENTRY_KINDS, LIFECYCLE_STAGES, RECURRENCES, REENTRY_RULES, TIER_CHANGES, type Entry } from '../../api/journeys';
import type { JourneyRefs } from '../../hooks/useJourneyRefs';
import { useLoyaltyTiers } from '../../hooks/useLoyaltyTiers';
import { useI18n } from '../../i18n/I18nProvider';
import { cleanEntry, settingsProblems, toNamePath, type Problem, type Settings } from '../../lib/journeys';
import { EventFields } from './EventFields';
import { useProblemRule, useProblemText, useShowProblems } from './problems';

export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 1000;

interface Values {
  name: string;
  description: string | null;
  entry: Partial<Entry>;
  reentry: Settings['reentry'];
  enrolmentLimit: number | null;
  startsAt: string | null;
  endsAt: string | null;
  goalEnabled: boolean;
  exitOnGoal: boolean;
  conversionWindowDays: number;
}

export interface SettingsChange {
  name: string;
  description: string | null;
  settings: Settings;
}

function toValues(name: string, description: string | null, s: Settings): Values {
  return {
    name,
    description,
    entry: { filters: [], recurrence: 'none', ...s.entry },
    reentry: s.reentry ?? { rule: 'once', days: null },
    enrolmentLimit: s.enrolmentLimit,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    goalEnabled: !!s.goal,
    exitOnGoal: s.goal?.exitOnGoal ?? true,
    conversionWindowDays: s.conversionWindowDays,
  };
}

function fromValues(v: Values): SettingsChange {
  return {
    name: v.name ?? '',
    description: v.description?.trim() ? v.description : null,
    settings: {
      entry: cleanEntry(v.entry),
      reentry: { rule: v.reentry?.rule ?? 'once', days: v.reentry?.rule === 'once_per_days' ? v.reentry.days ?? null : null },
      enrolmentLimit: v.enrolmentLimit ?? null,
      startsAt: v.startsAt ?? null,
      endsAt: v.endsAt ?? null,
      goal: v.goalEnabled ? { kind: 'order_placed', exitOnGoal: !!v.exitOnGoal } : null,
      conversionWindowDays: v.conversionWindowDays,
    },
  };
}

/** ISO instants in the form's store, dayjs in the picker. */
const instantProps = {
  getValueProps: (v: string | null) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: dayjs.Dayjs | null) => (d ? d.toISOString() : null),
};

/**
 * The journey's settings: name, the entry trigger (every entry kind), re-entry, the enrolment limit, start and end,
 * the goal and the conversion window. Shown when the entry node or nothing is selected.
 */
export function SettingsPanel({
  name,
  description,
  settings,
  readOnly,
  refs,
  problems,
  onChange,
}: {
  name: string;
  description: string | null;
  settings: Settings;
  readOnly: boolean;
  refs: JourneyRefs;
  /** Problems of the settings (`entry.segmentId`, `reentry.days`, `name`…), client and server. */
  problems: Problem[];
  onChange: (c: SettingsChange) => void;
}) {
  const tr = useI18n();
  const { t, tOr } = tr;
  const problemText = useProblemText();
  const [form] = Form.useForm<Values>();
  const { tiers, readable: tiersReadable } = useLoyaltyTiers();
  const rule = useProblemRule(() => settingsProblems(fromValues(form.getFieldsValue(true) as Values).settings));

  const serverFields = useMemo(
    () => problems.filter((p) => p.source === 'server').map((p) => ({ name: toNamePath(p.field), errors: [problemText(p)] })),
    [problems, problemText],
  );
  useShowProblems(form, problems.length > 0, serverFields);

  const nameRules: FormRule[] = [
    { required: true, whitespace: true, message: t('journey.v.required') },
    { max: NAME_MAX, message: t('journey.v.maxLength', { max: NAME_MAX }) },
  ];

  return (
    <Card
      size="small"
      className="jc-panel"
      data-testid="settings-panel"
      title={
        <Space>
          <SettingOutlined />
          {t('journey.settings.title')}
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        size="small"
        disabled={readOnly}
        initialValues={toValues(name, description, settings)}
        onValuesChange={(changed: Partial<Values>) => {
          onChange(fromValues(form.getFieldsValue(true) as Values));
          if (changed.startsAt !== undefined) void form.validateFields(['endsAt']).catch(() => undefined);
        }}
      >
        <Form.Item name="name" label={t('journey.field.name')} rules={nameRules}>
          <Input maxLength={NAME_MAX} data-testid="journey-name" />
        </Form.Item>
        <Form.Item name="description" label={t('journey.field.description')}>
          <Input.TextArea rows={2} maxLength={DESCRIPTION_MAX} />
        </Form.Item>
        <Divider orientation="left" plain style={{ margin: '8px 0' }}>
          {t('journey.settings.entry')}
        </Divider>
        <Form.Item name={['entry', 'kind']} label={t('journey.field.entryKind')} rules={[rule('entry.kind')]}>
          <Select options={ENTRY_KINDS.map((k) => ({ value: k, label: t(`journey.entry.${k}`) }))} data-testid="entry-kind" />
        </Form.Item>
        <Form.Item noStyle dependencies={[['entry', 'kind']]}>
          {({ getFieldValue }) => {
            const kind = getFieldValue(['entry', 'kind']) as Entry['kind'];
            return (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }} data-testid="entry-help">
                  {tOr(`journey.entryHelp.${kind}`, '')}
                </Typography.Paragraph>
                {kind === 'event' && <EventFields prefix={['entry']} readOnly={readOnly} rule={rule} testIdPrefix="entry" />}
                {(kind === 'coupon_issued' || kind === 'coupon_expiring') && (
                  <Form.Item
                    name={['entry', 'templateId']}
                    label={t('journey.field.couponTemplate')}
                    extra={t(kind === 'coupon_issued' ? 'journey.field.anyIssuedCoupon' : 'journey.field.anyCoupon')}
                  >
                    <Select allowClear showSearch optionFilterProp="label" options={refs.couponTemplates ?? []} data-testid="entry-templateId" />
                  </Form.Item>
                )}
                {kind === 'tier_changed' && (
                  <>
                    <Form.Item name={['entry', 'change']} label={t('journey.field.tierChange')}>
                      <Select allowClear placeholder={t('journey.field.anyChange')} options={TIER_CHANGES.map((c) => ({ value: c, label: t(`journey.tierChange.${c}`) }))} />
                    </Form.Item>
                    <Form.Item name={['entry', 'toTier']} label={t('journey.field.toTier')}>
                      {tiersReadable && tiers ? (
                        <Select allowClear placeholder={t('journey.field.anyTier')} options={tiers.map((x) => ({ value: x.code, label: x.name }))} />
                      ) : (
                        <Input placeholder={t('journey.field.tierCode')} />
                      )}
                    </Form.Item>
                  </>
                )}
                {kind === 'lifecycle_changed' && (
                  <Form.Item name={['entry', 'to']} label={t('journey.field.lifecycleTo')}>
                    <Select allowClear placeholder={t('journey.field.anyStage')} options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: tOr(`segment.option.${s}`, s) }))} />
                  </Form.Item>
                )}
                {(kind === 'segment_entered' || kind === 'segment_send') && (
                  <Form.Item name={['entry', 'segmentId']} label={t('journey.field.segment')} rules={[rule('entry.segmentId')]}>
                    <Select showSearch optionFilterProp="label" options={refs.builder.segments} data-testid="entry-segmentId" />
                  </Form.Item>
                )}
                {kind === 'segment_send' && (
                  <>
                    <Form.Item name={['entry', 'sendAt']} label={t('journey.field.sendAt')} extra={t('journey.field.sendAtHelp')} {...instantProps}>
                      <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={['entry', 'recurrence']} label={t('journey.field.recurrence')} rules={[rule('entry.recurrence')]}>
                      <Select options={RECURRENCES.map((r) => ({ value: r, label: t(`journey.recurrence.${r}`) }))} />
                    </Form.Item>
                  </>
                )}
              </>
            );
          }}
        </Form.Item>
        <Divider orientation="left" plain style={{ margin: '8px 0' }}>
          {t('journey.settings.rules')}
        </Divider>
        <Form.Item name={['reentry', 'rule']} label={t('journey.field.reentry')}>
          <Select options={REENTRY_RULES.map((r) => ({ value: r, label: t(`journey.reentry.${r}`) }))} data-testid="reentry-rule" />
        </Form.Item>
        <Form.Item noStyle dependencies={[['reentry', 'rule']]}>
          {({ getFieldValue }) =>
            getFieldValue(['reentry', 'rule']) === 'once_per_days' ? (
              <Form.Item name={['reentry', 'days']} label={t('journey.field.reentryDays')} rules={[rule('reentry.days')]}>
                <InputNumber min={1} precision={0} addonAfter={t('journey.unit.days')} style={{ width: '100%' }} data-testid="reentry-days" />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="enrolmentLimit" label={t('journey.field.enrolmentLimit')} extra={t('journey.field.enrolmentLimitHelp')} rules={[rule('enrolmentLimit')]}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="enrolment-limit" />
        </Form.Item>
        <Form.Item name="startsAt" label={t('journey.field.startsAt')} {...instantProps}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="endsAt" label={t('journey.field.endsAt')} rules={[rule('endsAt')]} {...instantProps}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Divider orientation="left" plain style={{ margin: '8px 0' }}>
          {t('journey.settings.goal')}
        </Divider>
        <Form.Item name="goalEnabled" label={t('journey.field.goal')} valuePropName="checked" extra={t('journey.field.goalHelp')}>
          <Switch data-testid="goal-enabled" />
        </Form.Item>
        <Form.Item noStyle dependencies={['goalEnabled']}>
          {({ getFieldValue }) =>
            getFieldValue('goalEnabled') ? (
              <Form.Item name="exitOnGoal" label={t('journey.field.exitOnGoal')} valuePropName="checked">
                <Switch />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="conversionWindowDays" label={t('journey.field.conversionWindowDays')} extra={t('journey.field.conversionWindowHelp')} rules={[rule('conversionWindowDays')]}>
          <InputNumber min={1} precision={0} addonAfter={t('journey.unit.days')} style={{ width: '100%' }} data-testid="conversion-window" />
        </Form.Item>
      </Form>
    </Card>
  );
}
