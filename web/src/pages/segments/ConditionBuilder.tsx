import { Button, Card, DatePicker, Dropdown, Flex, Input, InputNumber, Segmented, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type {
  Condition,
  ConditionCatalog,
  ConditionValue,
  EventCondition,
  FieldCondition,
  GroupCondition,
  OrderCondition,
  PropertyFilter,
} from '../../api/segments';
import { useI18n } from '../../i18n/I18nProvider';
import {
  defaultValue,
  emptyGroup,
  eventRule,
  fieldRule,
  orderRule,
  valueKind,
  type ConditionProblem,
  type ValueKind,
} from '../../lib/conditions';

export interface RefOption {
  value: string;
  label: string;
}

interface Ctx {
  catalog: ConditionCatalog;
  tags: RefOption[];
  segments: RefOption[];
  /** Client-side problems and server field errors, by path. */
  problems: Record<string, ConditionProblem | string>;
  readOnly?: boolean;
}

type OnChange = (c: Condition | null) => void;

/** The visual condition builder: nested AND / OR / NOT groups of field, order and behaviour rules. */
export function ConditionBuilder({ value, onChange, ...ctx }: Ctx & { value: GroupCondition; onChange: (c: GroupCondition) => void }) {
  return (
    <GroupEditor
      node={value}
      path="condition"
      depth={0}
      ctx={ctx}
      onChange={(c) => onChange((c as GroupCondition | null) ?? emptyGroup())}
    />
  );
}

function useProblem(ctx: Ctx, path: string): string | undefined {
  const { t, tOr } = useI18n();
  const p = ctx.problems[path];
  if (!p) return undefined;
  return tOr(`segment.problem.${p}`, p) || t('error.validation');
}

function ProblemText({ ctx, path }: { ctx: Ctx; path: string }) {
  const text = useProblem(ctx, path);
  return text ? (
    <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="rule-problem">
      {text}
    </Typography.Text>
  ) : null;
}

/**
 * The problems of a rule's other parts (`.op`, `.withinDays`, `.properties[0].property`, one value of a list…), such
 * as the server finds: the value's own problem is shown next to it, and the whole rule's under it.
 */
function PartProblems({ ctx, path }: { ctx: Ctx; path: string }) {
  const { t, tOr } = useI18n();
  const parts = Object.entries(ctx.problems)
    .filter(([k, p]) => p && k.startsWith(`${path}.`) && k !== `${path}.value`)
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      {parts.map(([k, p]) => (
        <div key={k}>
          <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="rule-problem" data-field={k}>
            {tOr(`segment.problem.${p}`, p) || t('error.validation')}
          </Typography.Text>
        </div>
      ))}
    </>
  );
}

function GroupEditor({ node, path, depth, ctx, onChange }: { node: GroupCondition; path: string; depth: number; ctx: Ctx; onChange: OnChange }) {
  const { t } = useI18n();
  const setChild = (i: number, c: Condition | null) => {
    const children = [...node.children];
    if (c === null) children.splice(i, 1);
    else children[i] = c;
    onChange({ ...node, children });
  };
  const add = (c: Condition) => onChange({ ...node, children: [...node.children, c] });
  const firstField = ctx.catalog.fields[0];
  return (
    <Card
      size="small"
      style={{ background: depth % 2 === 0 ? undefined : 'rgba(0,0,0,0.02)', marginBottom: 8 }}
      data-testid="condition-group"
      title={
        <Flex align="center" gap={8}>
          <Segmented
            size="small"
            value={node.type}
            disabled={ctx.readOnly}
            onChange={(v) => onChange({ ...node, type: v as GroupCondition['type'] })}
            options={[
              { value: 'and', label: t('segment.group.and') },
              { value: 'or', label: t('segment.group.or') },
              { value: 'not', label: t('segment.group.not') },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t(`segment.groupHint.${node.type}`)}
          </Typography.Text>
        </Flex>
      }
      extra={
        depth > 0 && !ctx.readOnly ? (
          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(null)} aria-label={t('segment.removeGroup')} />
        ) : null
      }
    >
      {node.children.map((child, i) => (
        <NodeEditor key={i} node={child} path={`${path}.children[${i}]`} depth={depth + 1} ctx={ctx} onChange={(c) => setChild(i, c)} />
      ))}
      <ProblemText ctx={ctx} path={`${path}.children`} />
      {!ctx.readOnly && (
        <Space wrap style={{ marginTop: 4 }}>
          <Button size="small" icon={<PlusOutlined />} onClick={() => firstField && add(fieldRule(firstField))} data-testid="builder-add-field">
            {t('segment.add.field')}
          </Button>
          <Button size="small" icon={<PlusOutlined />} onClick={() => add(orderRule())} data-testid="builder-add-order">
            {t('segment.add.order')}
          </Button>
          <Button size="small" icon={<PlusOutlined />} onClick={() => add(eventRule(ctx.catalog))} data-testid="builder-add-event">
            {t('segment.add.event')}
          </Button>
          {depth < 4 && (
            <Dropdown
              menu={{
                items: (['and', 'or', 'not'] as const).map((g) => ({ key: g, label: t(`segment.group.${g}`) })),
                onClick: ({ key }) => add(emptyGroup(key as GroupCondition['type'])),
              }}
            >
              <Button size="small" icon={<PlusOutlined />} data-testid="builder-add-group">
                {t('segment.add.group')}
              </Button>
            </Dropdown>
          )}
        </Space>
      )}
    </Card>
  );
}

function NodeEditor(props: { node: Condition; path: string; depth: number; ctx: Ctx; onChange: OnChange }) {
  const { node } = props;
  const { t } = useI18n();
  if (node.type === 'and' || node.type === 'or' || node.type === 'not') return <GroupEditor {...props} node={node} />;
  return (
    <Flex gap={8} align="flex-start" style={{ marginBottom: 8 }} data-testid="condition-rule">
      <div style={{ flex: 1 }}>
        {node.type === 'field' && <FieldRuleEditor node={node} path={props.path} ctx={props.ctx} onChange={props.onChange} />}
        {node.type === 'order' && <OrderRuleEditor node={node} path={props.path} ctx={props.ctx} onChange={props.onChange} />}
        {node.type === 'event' && <EventRuleEditor node={node} path={props.path} ctx={props.ctx} onChange={props.onChange} />}
        <ProblemText ctx={props.ctx} path={props.path} />
        <PartProblems ctx={props.ctx} path={props.path} />
      </div>
      {!props.ctx.readOnly && (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => props.onChange(null)} aria-label={t('segment.removeRule')} data-testid="rule-remove" />
      )}
    </Flex>
  );
}

function FieldRuleEditor({ node, path, ctx, onChange }: { node: FieldCondition; path: string; ctx: Ctx; onChange: OnChange }) {
  const { tOr } = useI18n();
  const field = ctx.catalog.fields.find((f) => f.key === node.field);
  const groups = [...new Set(ctx.catalog.fields.map((f) => f.group))];
  const fieldOptions = groups.map((g) => ({
    label: tOr(`segment.fieldGroup.${g}`, g),
    options: ctx.catalog.fields
      .filter((f) => f.group === g && (g !== 'prediction' || ctx.catalog.predictionsAvailable))
      .map((f) => ({ value: f.key, label: tOr(`segment.field.${f.key}`, f.key) })),
  }));
  const kind = field ? valueKind(field.type, node.op) : 'text';
  const refOptions = field?.key === 'tags' ? ctx.tags : field?.key === 'segments' ? ctx.segments : undefined;
  return (
    <Space wrap>
      <Select
        showSearch
        optionFilterProp="label"
        style={{ width: 200 }}
        value={node.field}
        disabled={ctx.readOnly}
        options={fieldOptions}
        onChange={(key) => {
          const f = ctx.catalog.fields.find((x) => x.key === key);
          if (f) onChange(fieldRule(f));
        }}
        data-testid="rule-field"
      />
      <Select
        style={{ width: 150 }}
        value={node.op}
        disabled={ctx.readOnly}
        options={(field?.operators ?? []).map((op) => ({ value: op, label: tOr(`segment.op.${op}`, op) }))}
        onChange={(op) => field && onChange({ ...node, op, value: defaultValue(valueKind(field.type, op), field) })}
        data-testid="rule-op"
      />
      <ValueInput
        kind={kind}
        value={node.value}
        options={
          kind === 'ref'
            ? field?.key === 'identity_types'
              ? ['phone', 'email', 'wechat_unionid', 'wechat_openid', 'platform_buyer_id', 'member_number', 'device_id'].map((v) => ({
                  value: v,
                  label: tOr(`identity.type.${v}`, v),
                }))
              : refOptions
            : field?.options.map((o) => ({ value: o, label: tOr(`segment.option.${field.key}.${o}`, tOr(`segment.option.${o}`, o)) }))
        }
        invalid={!!ctx.problems[`${path}.value`]}
        disabled={ctx.readOnly}
        onChange={(value) => onChange({ ...node, value })}
      />
      <ProblemText ctx={ctx} path={`${path}.value`} />
    </Space>
  );
}

function ValueInput({
  kind,
  value,
  options,
  invalid,
  disabled,
  onChange,
}: {
  kind: ValueKind;
  value: ConditionValue;
  options?: { value: string; label: string }[];
  invalid: boolean;
  disabled?: boolean;
  onChange: (v: ConditionValue) => void;
}) {
  const { t } = useI18n();
  const status = invalid ? ('error' as const) : undefined;
  const pair = Array.isArray(value) ? value : [];
  switch (kind) {
    case 'none':
      return null;
    case 'number':
      return <InputNumber status={status} disabled={disabled} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? null)} data-testid="rule-value" />;
    case 'days':
      return (
        <InputNumber
          status={status}
          disabled={disabled}
          min={1}
          max={3650}
          addonAfter={t('segment.days')}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(v ?? null)}
          data-testid="rule-value"
        />
      );
    case 'numberRange':
      return (
        <Space.Compact>
          <InputNumber status={status} disabled={disabled} value={(pair[0] as number) ?? null} onChange={(v) => onChange([v ?? '', pair[1] ?? ''] as (string | number)[])} />
          <InputNumber status={status} disabled={disabled} value={(pair[1] as number) ?? null} onChange={(v) => onChange([pair[0] ?? '', v ?? ''] as (string | number)[])} />
        </Space.Compact>
      );
    case 'date':
      return (
        <DatePicker
          status={status}
          disabled={disabled}
          value={typeof value === 'string' && value ? dayjs(value) : null}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
        />
      );
    case 'dateRange':
      return (
        <DatePicker.RangePicker
          status={status}
          disabled={disabled}
          value={pair.length === 2 && pair[0] ? [dayjs(String(pair[0])), dayjs(String(pair[1]))] : null}
          onChange={(r) => onChange(r && r[0] && r[1] ? [r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')] : [])}
        />
      );
    case 'option':
    case 'ref':
      return (
        <Select
          status={status}
          disabled={disabled}
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 180 }}
          value={(value as string) ?? undefined}
          options={options ?? []}
          onChange={(v) => onChange(v)}
          data-testid="rule-value"
        />
      );
    case 'options':
    case 'texts':
      return (
        <Select
          status={status}
          disabled={disabled}
          mode={kind === 'texts' ? 'tags' : 'multiple'}
          style={{ minWidth: 220 }}
          value={pair as string[]}
          options={options ?? []}
          tokenSeparators={[',', '，']}
          onChange={(v) => onChange(v)}
          data-testid="rule-value"
        />
      );
    default:
      return (
        <Input
          status={status}
          disabled={disabled}
          style={{ width: 200 }}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          data-testid="rule-value"
        />
      );
  }
}

function OrderRuleEditor({ node, path, ctx, onChange }: { node: OrderCondition; path: string; ctx: Ctx; onChange: OnChange }) {
  const { t, tOr } = useI18n();
  const kind: ValueKind = node.op === 'between' ? 'numberRange' : 'number';
  return (
    <Space wrap>
      <Typography.Text strong>{t('segment.order.title')}</Typography.Text>
      <Select
        style={{ width: 120 }}
        value={node.measure}
        disabled={ctx.readOnly}
        options={ctx.catalog.orderMeasures.map((m) => ({ value: m, label: tOr(`segment.order.measure.${m}`, m) }))}
        onChange={(measure) => onChange({ ...node, measure })}
      />
      <Select
        style={{ width: 110 }}
        value={node.op}
        disabled={ctx.readOnly}
        options={ctx.catalog.orderOperators.map((op) => ({ value: op, label: tOr(`segment.op.${op}`, op) }))}
        onChange={(op) => onChange({ ...node, op, value: defaultValue(op === 'between' ? 'numberRange' : 'number') })}
      />
      <ValueInput kind={kind} value={node.value} invalid={!!ctx.problems[`${path}.value`]} disabled={ctx.readOnly} onChange={(value) => onChange({ ...node, value })} />
      <Input
        style={{ width: 130 }}
        placeholder={t('segment.order.category')}
        disabled={ctx.readOnly}
        value={node.category ?? ''}
        onChange={(e) => onChange({ ...node, category: e.target.value || null })}
      />
      <Input
        style={{ width: 120 }}
        placeholder={t('segment.order.sku')}
        disabled={ctx.readOnly}
        value={node.sku ?? ''}
        onChange={(e) => onChange({ ...node, sku: e.target.value || null })}
      />
      <InputNumber
        min={1}
        max={3650}
        disabled={ctx.readOnly}
        placeholder={t('segment.order.anyTime')}
        addonBefore={t('segment.within')}
        addonAfter={t('segment.days')}
        value={node.withinDays ?? null}
        status={ctx.problems[`${path}.withinDays`] ? 'error' : undefined}
        onChange={(v) => onChange({ ...node, withinDays: v ?? null })}
      />
      <ProblemText ctx={ctx} path={`${path}.value`} />
    </Space>
  );
}

function EventRuleEditor({ node, path, ctx, onChange }: { node: EventCondition; path: string; ctx: Ctx; onChange: OnChange }) {
  const { t, tOr } = useI18n();
  const setProp = (i: number, p: PropertyFilter | null) => {
    const properties = [...node.properties];
    if (p === null) properties.splice(i, 1);
    else properties[i] = p;
    onChange({ ...node, properties });
  };
  return (
    <div>
      <Space wrap>
        <Switch
          checkedChildren={t('segment.event.did')}
          unCheckedChildren={t('segment.event.didNot')}
          checked={node.did}
          disabled={ctx.readOnly}
          onChange={(did) => onChange({ ...node, did })}
        />
        <Select
          style={{ width: 160 }}
          value={node.event}
          disabled={ctx.readOnly}
          options={ctx.catalog.eventTypes.map((e) => ({ value: e, label: tOr(`event.type.${e}`, e) }))}
          onChange={(event) => onChange({ ...node, event, customName: event === 'custom' ? node.customName ?? '' : null })}
        />
        {node.event === 'custom' && (
          <Input
            style={{ width: 140 }}
            placeholder={t('segment.event.customName')}
            disabled={ctx.readOnly}
            value={node.customName ?? ''}
            onChange={(e) => onChange({ ...node, customName: e.target.value })}
          />
        )}
        <InputNumber
          min={1}
          disabled={ctx.readOnly}
          addonBefore={node.did ? t('segment.event.atLeast') : t('segment.event.fewerThan')}
          addonAfter={t('segment.event.times')}
          value={node.times}
          status={ctx.problems[`${path}.times`] ? 'error' : undefined}
          onChange={(v) => onChange({ ...node, times: v ?? 0 })}
        />
        <InputNumber
          min={1}
          max={3650}
          disabled={ctx.readOnly}
          addonBefore={t('segment.inLast')}
          addonAfter={t('segment.days')}
          value={node.withinDays}
          status={ctx.problems[`${path}.withinDays`] ? 'error' : undefined}
          onChange={(v) => onChange({ ...node, withinDays: v ?? 0 })}
        />
        {!ctx.readOnly && (
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange({ ...node, properties: [...node.properties, { property: '', op: 'eq', value: '' }] })}>
            {t('segment.event.addProperty')}
          </Button>
        )}
      </Space>
      {node.properties.map((p, i) => {
        const numeric = ['gt', 'gte', 'lt', 'lte'].includes(p.op);
        return (
          <Flex key={i} gap={8} style={{ marginTop: 6, paddingLeft: 24 }} align="center">
            <Input
              style={{ width: 140 }}
              placeholder={t('segment.event.property')}
              disabled={ctx.readOnly}
              value={p.property}
              status={ctx.problems[`${path}.properties[${i}].property`] ? 'error' : undefined}
              onChange={(e) => setProp(i, { ...p, property: e.target.value })}
            />
            <Select
              style={{ width: 110 }}
              value={p.op}
              disabled={ctx.readOnly}
              options={ctx.catalog.propertyOperators.map((op) => ({ value: op, label: tOr(`segment.op.${op}`, op) }))}
              onChange={(op) => setProp(i, { ...p, op, value: op === 'in' ? [] : ['gt', 'gte', 'lt', 'lte'].includes(op) ? null : '' })}
            />
            <ValueInput
              kind={numeric ? 'number' : p.op === 'in' ? 'texts' : 'text'}
              value={p.value}
              invalid={!!ctx.problems[`${path}.properties[${i}].value`]}
              disabled={ctx.readOnly}
              onChange={(value) => setProp(i, { ...p, value })}
            />
            {!ctx.readOnly && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => setProp(i, null)} />}
          </Flex>
        );
      })}
    </div>
  );
}
