import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined, UndoOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { oneIdApi, type TraitRule, type TraitRules } from '../../api/oneid';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { useFetched } from '../../hooks/useFetched';
import { useI18n } from '../../i18n/I18nProvider';
import {
  changedRules,
  defaultDraft,
  draftOf,
  nonDefaultFields,
  orderedRules,
  ruleErrorsByField,
  type TraitDraft,
} from '../../lib/oneid';

const NO_RULES: TraitRules = { rules: [], strategies: [] };

/**
 * The merge strategy of each customer trait: a select per trait (disabled without `canManage`), the default shown
 * where a trait leaves it, "Reset to defaults" and Save (enabled once something changed).
 */
export function TraitRulesCard({ canManage }: { canManage: boolean }) {
  const { t, tOr } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  const { data, reload } = useFetched((signal) => oneIdApi.traitRules(signal), 'trait-rules', NO_RULES);
  // what the server holds: the fetch's answer, replaced by a save's
  const [saved, setSaved] = useState<TraitRules | null>(null);
  const current = saved ?? data;
  const [draft, setDraft] = useState<TraitDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState(false);

  const rules = useMemo(() => orderedRules(current?.rules ?? []), [current]);
  const effective = useMemo(() => ({ ...draftOf(rules), ...(draft ?? {}) }), [rules, draft]);
  const changes = useMemo(() => changedRules(rules, effective), [rules, effective]);
  const nonDefault = useMemo(() => new Set(nonDefaultFields(rules, effective)), [rules, effective]);

  const strategyName = (code: string) => tOr(`oneid.strategy.${code}`, code);
  const strategyHelp = (code: string) => tOr(`oneid.strategyHelp.${code}`, '');
  const options = (current?.strategies ?? []).map((code) => ({ value: code, label: strategyName(code) }));

  const choose = (field: string, strategy: string) => {
    setDraft((d) => ({ ...(d ?? {}), [field]: strategy }));
    setErrors((e) => {
      const { [field]: _dropped, ...rest } = e;
      return rest;
    });
  };

  const refresh = () => {
    setSaved(null);
    setDraft(null);
    setErrors({});
    reload();
  };

  const save = async () => {
    const sent = changes;
    if (sent.length === 0) return;
    setSaving(true);
    try {
      const answer = await oneIdApi.changeTraitRules(sent);
      setSaved(answer);
      setDraft(null);
      setErrors({});
      message.success(t('oneid.traits.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const { byField, other } = ruleErrorsByField(sent, err.fieldErrors);
        setErrors(byField);
        message.error(other.length ? `${t('error.validation')} ${other.join('; ')}` : t('error.validation'));
      } else {
        showError(err);
      }
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<TraitRule> = [
    {
      title: t('oneid.traits.col.trait'),
      dataIndex: 'field',
      key: 'field',
      width: 240,
      render: (field: string) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong data-testid={`trait-name-${field}`}>
            {tOr(`oneid.trait.${field}`, field)}
          </Typography.Text>
          <Typography.Text type="secondary" code>
            {field}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('oneid.traits.col.strategy'),
      key: 'strategy',
      render: (_, rule) => {
        const value = effective[rule.field];
        const fieldErrors = errors[rule.field];
        return (
          <Form.Item
            style={{ margin: 0 }}
            validateStatus={fieldErrors ? 'error' : undefined}
            help={fieldErrors ? fieldErrors.join('; ') : strategyHelp(value)}
          >
            <Select
              style={{ width: 260 }}
              value={value}
              options={options}
              disabled={!canManage || saving}
              onChange={(v: string) => choose(rule.field, v)}
              optionRender={(o) => (
                <Space direction="vertical" size={0}>
                  <span>{o.label}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                    {strategyHelp(String(o.value))}
                  </Typography.Text>
                </Space>
              )}
              data-testid={`trait-strategy-${rule.field}`}
            />
          </Form.Item>
        );
      },
    },
    {
      key: 'marker',
      width: 280,
      render: (_, rule) => (
        <Space size={4} wrap>
          {nonDefault.has(rule.field) && (
            <Tag color="blue" data-testid={`trait-default-${rule.field}`}>
              {t('oneid.traits.default', { strategy: strategyName(rule.defaultStrategy) })}
            </Tag>
          )}
          {effective[rule.field] !== rule.strategy && (
            <Tag color="orange" data-testid={`trait-unsaved-${rule.field}`}>
              {t('oneid.traits.unsaved')}
            </Tag>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('oneid.traits.title')}
      data-testid="trait-rules"
      extra={
        <Space wrap>
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />
          </Tooltip>
          {canManage && (
            <>
              <Tooltip title={t('oneid.traits.resetHelp')}>
                <Button
                  icon={<UndoOutlined />}
                  disabled={saving || nonDefault.size === 0}
                  onClick={() => setDraft(defaultDraft(rules))}
                  data-testid="trait-reset"
                >
                  {t('oneid.traits.reset')}
                </Button>
              </Tooltip>
              <Button type="primary" loading={saving} disabled={changes.length === 0} onClick={() => void save()} data-testid="trait-save">
                {t('common.save')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('oneid.traits.help')}
        </Typography.Paragraph>
        <Alert type="warning" showIcon message={t('oneid.traits.fromNow')} data-testid="trait-from-now" />
        <Table<TraitRule>
          rowKey="field"
          columns={columns}
          dataSource={rules}
          loading={data === null}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty error={data !== null} onRetry={refresh} /> }}
          data-testid="trait-rules-table"
        />
      </Flex>
    </Card>
  );
}
