import { Button, Flex, Form, Input, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ProblemRule } from './problems';
import { FILTER_OPERATORS } from '../../api/journeys';
import { EVENT_TYPES } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

type Path = (string | number)[];

/**
 * An event type (the behaviour events, plus "order placed" and "coupon redeemed" where the engine offers them), its custom name, and
 * property filters: the entry trigger's and the wait-for-event node's, under a name prefix of the form.
 */
export function EventFields({
  prefix,
  withOrderPlaced = false,
  readOnly,
  rule,
  testIdPrefix,
}: {
  prefix: Path;
  withOrderPlaced?: boolean;
  readOnly: boolean;
  /** The rule of a field, by its dotted path relative to the form (`entry.eventType`, `filters[0].value`). */
  rule: (path: string) => ProblemRule;
  testIdPrefix: string;
}) {
  const tr = useI18n();
  const { t, tOr } = tr;
  const dotted = (...rest: (string | number)[]) =>
    [...prefix, ...rest].reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
  const eventOptions = [
    ...(withOrderPlaced
      ? [
          { value: 'order_placed', label: t('journey.event.order_placed') },
          { value: 'coupon_redeemed', label: t('journey.event.coupon_redeemed') },
        ]
      : []),
    ...EVENT_TYPES.map((e) => ({ value: e, label: tOr(`event.type.${e}`, e) })),
  ];
  return (
    <>
      <Form.Item name={[...prefix, 'eventType']} label={t('journey.field.eventType')} rules={[rule(dotted('eventType'))]}>
        <Select showSearch optionFilterProp="label" options={eventOptions} disabled={readOnly} data-testid={`${testIdPrefix}-eventType`} />
      </Form.Item>
      <Form.Item noStyle dependencies={[[...prefix, 'eventType']]}>
        {({ getFieldValue }) =>
          getFieldValue([...prefix, 'eventType']) === 'custom' ? (
            <Form.Item name={[...prefix, 'customName']} label={t('journey.field.customName')} rules={[rule(dotted('customName'))]}>
              <Input disabled={readOnly} maxLength={100} data-testid={`${testIdPrefix}-customName`} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      <Form.List name={[...prefix, 'filters']}>
        {(fields, { add, remove }) => (
          <Form.Item label={t('journey.field.filters')} extra={fields.length === 0 ? t('journey.field.filtersHelp') : undefined}>
            {fields.map((f) => (
              <Flex key={f.key} gap={4} align="flex-start" data-testid={`${testIdPrefix}-filter`}>
                <Form.Item name={[f.name, 'property']} rules={[rule(dotted('filters', f.name, 'property'))]} style={{ flex: 1, marginBottom: 8 }}>
                  <Input placeholder={t('journey.field.property')} disabled={readOnly} />
                </Form.Item>
                <Form.Item name={[f.name, 'operator']} style={{ width: 96, marginBottom: 8 }}>
                  <Select disabled={readOnly} options={FILTER_OPERATORS.map((op) => ({ value: op, label: tOr(`journey.op.${op}`, op) }))} />
                </Form.Item>
                <Form.Item noStyle dependencies={[[...prefix, 'filters', f.name, 'operator']]}>
                  {({ getFieldValue }) =>
                    getFieldValue([...prefix, 'filters', f.name, 'operator']) === 'exists' ? (
                      <div style={{ flex: 1 }} />
                    ) : (
                      <Form.Item name={[f.name, 'value']} rules={[rule(dotted('filters', f.name, 'value'))]} style={{ flex: 1, marginBottom: 8 }}>
                        <Input placeholder={t('journey.field.value')} disabled={readOnly} />
                      </Form.Item>
                    )
                  }
                </Form.Item>
                {!readOnly && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('journey.field.removeFilter')} />}
              </Flex>
            ))}
            {!readOnly && (
              <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ property: '', operator: 'eq', value: '' })}>
                {t('journey.field.addFilter')}
              </Button>
            )}
          </Form.Item>
        )}
      </Form.List>
    </>
  );
}
