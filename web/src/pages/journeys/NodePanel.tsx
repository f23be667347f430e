import { useMemo } from 'react';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, TimePicker, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { GroupCondition } from '../../api/segments';
import { UPDATABLE_FIELDS, WAIT_MODES, type NodeConfig, type NodeCounters, type SplitVariant } from '../../api/journeys';
import type { JourneyRefs } from '../../hooks/useJourneyRefs';
import { useI18n } from '../../i18n/I18nProvider';
import { cleanConfig, configProblems, LABEL_MAX, nextVariantKey, TASK_DESCRIPTION_MAX, TEXT_MAX, toNamePath, type Problem } from '../../lib/journeys';
import { emptyGroup } from '../../lib/conditions';
import { formatNumber } from '../../lib/format';
import { ConditionBuilder } from '../segments/ConditionBuilder';
import type { JNode } from './JourneyCanvas';
import { EventFields } from './EventFields';
import { NODE_KINDS, nodeTypeLabel } from './nodeKinds';
import { useProblemRule, useProblemText, useShowProblems, type ProblemRule } from './problems';

type NodeProblem = Problem & { rest: string };

interface Props {
  node: JNode;
  readOnly: boolean;
  refs: JourneyRefs;
  /** This node's problems, client and server; `rest` is the path inside the node (`config.templateId` or ''). */
  problems: NodeProblem[];
  counters?: NodeCounters;
  onChange: (patch: { label?: string | null; config?: NodeConfig }) => void;
  onDelete: () => void;
}

/** Form values: the label and the config's fields at the top level. */
type Values = NodeConfig & { label?: string | null };

/** The side panel of the selected node: its label and config, validated as the server validates it. */
export function NodePanel({ node, readOnly, refs, problems, counters, onChange, onDelete }: Props) {
  const tr = useI18n();
  const { t, lang } = tr;
  const problemText = useProblemText();
  const [form] = Form.useForm<Values>();
  const type = node.data.type;
  const catalog = refs.builder.catalog;
  const kind = NODE_KINDS[type];

  const current = (): NodeConfig => {
    const { label: _label, ...values } = form.getFieldsValue(true) as Values;
    return cleanConfig(type, { ...node.data.config, ...values });
  };
  const rule = useProblemRule(() => configProblems(type, current(), catalog));

  const serverFieldErrors = useMemo(
    () =>
      problems
        .filter((p) => p.source === 'server' && ((p.rest.startsWith('config.') && !p.rest.startsWith('config.condition')) || p.rest === 'label'))
        .map((p) => ({ name: toNamePath(p.rest === 'label' ? 'label' : p.rest.slice('config.'.length)), errors: [problemText(p)] })),
    [problems, problemText],
  );
  const hasConfigProblems = problems.some((p) => p.rest.startsWith('config.') || p.rest === 'label');
  useShowProblems(form, hasConfigProblems, serverFieldErrors, node.id);

  const onValuesChange = (changed: Partial<Values>) => {
    if ('label' in changed) onChange({ label: changed.label ?? null });
    const { label: _label, ...rest } = changed;
    if (Object.keys(rest).length > 0) {
      onChange({ config: current() });
      // the sum of the percents is reported on the variants: a changed holdout or percent checks it again
      if ('variants' in rest || 'holdoutPercent' in rest) void form.validateFields(['variants']).catch(() => undefined);
    }
  };

  // what no field of the panel shows: the graph's problems (dead ends, unreachable, loops) and the node's id or type
  const graphProblems = problems.filter((p) => !p.rest.startsWith('config.') && p.rest !== 'label');
  const conditionProblems = Object.fromEntries([
    ...Object.entries(configProblems(type, node.data.config, catalog))
      .filter(([k]) => k.startsWith('condition.'))
      .map(([k, p]) => [k, p.code.replace(/^condition\./, '')]),
    ...problems.filter((p) => p.source === 'server' && p.rest.startsWith('config.condition.')).map((p) => [p.rest.slice('config.'.length), problemText(p)]),
  ]) as Record<string, string>;
  const conditionEmpty = problems.find((p) => p.rest === 'config.condition');

  return (
    <Card
      size="small"
      className="jc-panel"
      data-testid="node-panel"
      data-node-id={node.id}
      title={
        <Space>
          <span style={{ color: kind.color }}>{kind.icon}</span>
          <span data-testid="node-panel-type">{nodeTypeLabel(tr, type)}</span>
          <Typography.Text type="secondary" className="ll-mono" style={{ fontSize: 12 }}>
            {node.id}
          </Typography.Text>
        </Space>
      }
      extra={
        !readOnly && type !== 'entry' ? (
          <Popconfirm title={t('journey.node.deleteConfirm')} onConfirm={onDelete} okText={t('journey.node.delete')} cancelText={t('common.cancel')}>
            <Button size="small" danger type="text" icon={<DeleteOutlined />} data-testid="node-delete">
              {t('journey.node.delete')}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      {graphProblems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="node-graph-problems"
          message={
            <ul style={{ margin: 0, paddingLeft: 16 }}>
              {graphProblems.map((p, i) => (
                <li key={i}>{problemText(p)}</li>
              ))}
            </ul>
          }
        />
      )}
      {counters && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="node-panel-counters">
          {t('journey.node.countersLine', {
            entered: formatNumber(counters.entered, lang),
            waiting: formatNumber(counters.waiting, lang),
            passed: formatNumber(counters.passed, lang),
            exited: formatNumber(counters.exited, lang),
            converted: formatNumber(counters.converted, lang),
          })}
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        size="small"
        disabled={readOnly}
        initialValues={{ label: node.data.label ?? '', ...node.data.config }}
        onValuesChange={onValuesChange}
        data-testid="node-form"
      >
        <Form.Item name="label" label={t('journey.node.label')} rules={[{ max: LABEL_MAX, message: t('journey.v.maxLength', { max: LABEL_MAX }) }]}>
          <Input maxLength={LABEL_MAX} placeholder={nodeTypeLabel(tr, type)} data-testid="node-label" />
        </Form.Item>
        <ConfigFields type={type} refs={refs} rule={rule} readOnly={readOnly} />
      </Form>
      {type === 'condition' && catalog && (
        <>
          {conditionEmpty && <Typography.Text type="danger" data-testid="node-condition-problem">{problemText(conditionEmpty)}</Typography.Text>}
          <ConditionBuilder
            value={(node.data.config.condition as GroupCondition | undefined) ?? emptyGroup()}
            onChange={(condition) => onChange({ config: { condition } })}
            catalog={catalog}
            tags={refs.builder.tags}
            segments={refs.builder.segments}
            problems={conditionProblems}
            readOnly={readOnly}
          />
        </>
      )}
    </Card>
  );
}

function TemplateHint({ unavailable, empty, kind }: { unavailable: boolean; empty: boolean; kind: 'message' | 'coupon' }) {
  const { t } = useI18n();
  if (unavailable) return <span data-testid={`${kind}-templates-unavailable`}>{t(`journey.refs.${kind}Unavailable`)}</span>;
  if (empty) return <span>{t(`journey.refs.${kind}Empty`)}</span>;
  return null;
}

function ConfigFields({ type, refs, rule, readOnly }: { type: JNode['data']['type']; refs: JourneyRefs; rule: (path: string) => ProblemRule; readOnly: boolean }) {
  const tr = useI18n();
  const { t, tOr } = tr;
  switch (type) {
    case 'entry':
    case 'exit':
      return (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t(type === 'entry' ? 'journey.node.entryHelp' : 'journey.node.exitHelp')}
        </Typography.Paragraph>
      );
    case 'wait':
      return (
        <>
          <Form.Item name="mode" label={t('journey.field.waitMode')} rules={[rule('mode')]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={WAIT_MODES.map((m) => ({ value: m, label: t(`journey.waitMode.${m}`) }))} data-testid="wait-mode" />
          </Form.Item>
          <Form.Item noStyle dependencies={['mode']}>
            {({ getFieldValue }) => {
              const mode = getFieldValue('mode');
              if (mode === 'time_of_day')
                return (
                  <Form.Item
                    name="time"
                    label={t('journey.field.time')}
                    extra={t('journey.field.timeHelp')}
                    rules={[rule('time')]}
                    getValueProps={(v: string | null) => ({ value: v ? dayjs(v, 'HH:mm') : null })}
                    normalize={(d: dayjs.Dayjs | null) => (d ? d.format('HH:mm') : null)}
                  >
                    <TimePicker format="HH:mm" minuteStep={5} data-testid="wait-time" />
                  </Form.Item>
                );
              if (mode === 'event')
                return (
                  <>
                    <EventFields prefix={[]} withOrderPlaced readOnly={readOnly} rule={rule} testIdPrefix="wait" />
                    <Form.Item name="timeoutMinutes" label={t('journey.field.timeoutMinutes')} extra={t('journey.field.timeoutHelp')} rules={[rule('timeoutMinutes')]}>
                      <InputNumber min={1} precision={0} addonAfter={t('journey.unit.minutes')} style={{ width: '100%' }} data-testid="wait-timeout" />
                    </Form.Item>
                  </>
                );
              return (
                <Form.Item name="minutes" label={t('journey.field.minutes')} rules={[rule('minutes')]}>
                  <InputNumber min={1} precision={0} addonAfter={t('journey.unit.minutes')} style={{ width: '100%' }} data-testid="wait-minutes" />
                </Form.Item>
              );
            }}
          </Form.Item>
        </>
      );
    case 'condition':
      return (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('journey.node.conditionHelp')}
        </Typography.Paragraph>
      );
    case 'split':
      return <SplitFields rule={rule} readOnly={readOnly} />;
    case 'send_message': {
      const list = refs.messageTemplates;
      return (
        <Form.Item
          name="templateId"
          label={t('journey.field.messageTemplate')}
          rules={[rule('templateId')]}
          extra={<TemplateHint kind="message" unavailable={refs.messageTemplatesUnavailable} empty={!!list && list.length === 0} />}
        >
          <Select
            showSearch
            allowClear
            loading={list === null}
            optionFilterProp="label"
            placeholder={t('journey.describe.chooseTemplate')}
            options={(list ?? []).map((m) => ({
              value: m.id,
              label: [m.name, m.channelName || (m.channel ? tOr(`journey.channel.${m.channel}`, m.channel) : null), tOr(`journey.purpose.${m.purpose}`, m.purpose)]
                .filter(Boolean)
                .join(' · '),
            }))}
            data-testid="node-templateId"
          />
        </Form.Item>
      );
    }
    case 'issue_coupon':
      return (
        <Form.Item
          name="templateId"
          label={t('journey.field.couponTemplate')}
          rules={[rule('templateId')]}
          extra={<TemplateHint kind="coupon" unavailable={refs.couponTemplatesUnavailable} empty={!!refs.couponTemplates && refs.couponTemplates.length === 0} />}
        >
          <Select
            showSearch
            allowClear
            loading={refs.couponTemplates === null}
            optionFilterProp="label"
            placeholder={t('journey.describe.chooseCoupon')}
            options={refs.couponTemplates ?? []}
            data-testid="node-couponTemplateId"
          />
        </Form.Item>
      );
    case 'adjust_points':
      return (
        <>
          <Form.Item name="points" label={t('journey.field.points')} extra={t('journey.field.pointsHelp')} rules={[rule('points')]}>
            <InputNumber precision={0} style={{ width: '100%' }} data-testid="node-points" />
          </Form.Item>
          <Form.Item name="reason" label={t('journey.field.reason')} rules={[rule('reason')]}>
            <Input maxLength={TEXT_MAX} data-testid="node-reason" />
          </Form.Item>
        </>
      );
    case 'add_tag':
    case 'remove_tag':
      return (
        <Form.Item name="tagId" label={t('journey.field.tag')} extra={t('journey.field.tagHelp')} rules={[rule('tagId')]}>
          <Select showSearch allowClear optionFilterProp="label" placeholder={t('journey.describe.chooseTag')} options={refs.manualTags} data-testid="node-tagId" />
        </Form.Item>
      );
    case 'update_field':
      return (
        <>
          <Form.Item name="field" label={t('journey.field.field')} rules={[rule('field')]}>
            <Select options={UPDATABLE_FIELDS.map((f) => ({ value: f, label: t(`journey.field.${f}`) }))} data-testid="node-field" />
          </Form.Item>
          <Form.Item noStyle dependencies={['field']}>
            {({ getFieldValue }) => (
              <Form.Item name="value" label={t('journey.field.value')} rules={[rule('value')]}>
                {getFieldValue('field') === 'gender' ? (
                  <Select options={['female', 'male', 'unknown'].map((g) => ({ value: g, label: tOr(`gender.${g}`, g) }))} data-testid="node-value" />
                ) : (
                  <Input maxLength={TEXT_MAX} data-testid="node-value" />
                )}
              </Form.Item>
            )}
          </Form.Item>
        </>
      );
    case 'create_task':
      return (
        <>
          <Form.Item name="title" label={t('journey.field.taskTitle')} rules={[rule('title')]}>
            <Input maxLength={TEXT_MAX} data-testid="node-title" />
          </Form.Item>
          <Form.Item name="description" label={t('journey.field.taskDescription')}>
            <Input.TextArea rows={3} maxLength={TASK_DESCRIPTION_MAX} />
          </Form.Item>
          <Form.Item name="assignee" label={t('journey.field.assignee')} extra={t('journey.field.assigneeHelp')}>
            <Input maxLength={64} placeholder={t('journey.field.assigneePlaceholder')} data-testid="node-assignee" />
          </Form.Item>
          <Form.Item name="dueInHours" label={t('journey.field.dueInHours')} rules={[rule('dueInHours')]}>
            <InputNumber min={1} precision={0} addonAfter={t('journey.unit.hours')} style={{ width: '100%' }} data-testid="node-dueInHours" />
          </Form.Item>
        </>
      );
    case 'webhook':
      return (
        <>
          <Form.Item name="url" label={t('journey.field.url')} rules={[rule('url')]}>
            <Input maxLength={1000} placeholder="https://" data-testid="node-url" />
          </Form.Item>
          <Form.Item name="secret" label={t('journey.field.secret')} extra={t('journey.field.secretHelp')}>
            <Input.Password maxLength={200} autoComplete="new-password" />
          </Form.Item>
        </>
      );
    default:
      return null;
  }
}

/** A/B/n variants with their percents, and the holdout; the sum must be 100. */
function SplitFields({ rule, readOnly }: { rule: (path: string) => ProblemRule; readOnly: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Form.List name="variants" rules={[rule('variants')]}>
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('journey.field.variants')} required>
            {fields.map((f) => (
              <Flex key={f.key} gap={4} align="flex-start" data-testid="split-variant">
                <Form.Item name={[f.name, 'key']} rules={[rule(`variants[${f.name}].key`)]} style={{ width: 72, marginBottom: 8 }} normalize={(v: string) => v?.toUpperCase()}>
                  <Input maxLength={1} data-testid="split-variant-key" />
                </Form.Item>
                <Form.Item name={[f.name, 'percent']} rules={[rule(`variants[${f.name}].percent`)]} style={{ flex: 1, marginBottom: 8 }}>
                  <InputNumber min={1} max={100} precision={0} addonAfter="%" style={{ width: '100%' }} data-testid="split-variant-percent" />
                </Form.Item>
                {!readOnly && fields.length > 1 && (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('journey.field.removeVariant')} />
                )}
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) => {
                const variants = (getFieldValue('variants') ?? []) as SplitVariant[];
                const key = nextVariantKey(variants);
                return !readOnly && key ? (
                  <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ key, percent: 1 })} data-testid="split-add-variant">
                    {t('journey.field.addVariant')}
                  </Button>
                ) : null;
              }}
            </Form.Item>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="holdoutPercent" label={t('journey.field.holdoutPercent')} extra={t('journey.field.holdoutHelp')} rules={[rule('holdoutPercent')]}>
        <InputNumber min={0} max={99} precision={0} addonAfter="%" style={{ width: '100%' }} data-testid="split-holdout" />
      </Form.Item>
    </>
  );
}
