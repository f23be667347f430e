import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select, Spin, Typography, type FormRule } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { messagingSettingsApi, type MessagingSettings, type MessagingSettingsView } from '../../api/messaging';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { useFieldPathErrorHandler } from '../../hooks/useApiError';
import { useFetched } from '../../hooks/useFetched';
import { useI18n } from '../../i18n/I18nProvider';
import {
  ATTEMPTS_MAX,
  BACKOFF_MAX,
  CAPS_MAX,
  CAP_CHANNELS,
  CAP_COUNT_MAX,
  PERIOD_DAYS_MAX,
  SHOP_NAME_MAX,
  overnight,
  settingsProblems,
} from '../../lib/messaging';
import { MessagingNav } from './MessagingNav';
import { useProblemRule } from './rules';

const toForm = (v: MessagingSettingsView): MessagingSettings => ({
  shopName: v.shopName ?? '',
  caps: v.caps.map((c) => ({ ...c })),
  quietHours: v.quietHours.map((q) => ({ ...q })),
  retry: { ...v.retry },
});

/** Rows of a list setting (caps, quiet hours): a channel (or all) and the row's own fields, removable, up to CAPS_MAX. */
function ChannelRows({
  name,
  rule,
  fields,
  newRow,
  addLabel,
  rowTestId,
  addTestId,
}: {
  name: 'caps' | 'quietHours';
  rule: (field: string) => FormRule;
  fields: (index: number) => ReactNode;
  newRow: object;
  addLabel: string;
  rowTestId: string;
  addTestId?: string;
}) {
  const { t, tOr } = useI18n();
  const channelOptions = CAP_CHANNELS.map((c) => ({ value: c, label: c === 'all' ? t('msg.settings.allChannels') : tOr(`msg.kind.${c}`, c) }));
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <>
          {rows.map((f) => (
            <Flex key={f.key} gap={8} align="flex-start" wrap data-testid={rowTestId}>
              <Form.Item name={[f.name, 'channel']} rules={[rule(`${name}[${f.name}].channel`)]} style={{ width: 180 }}>
                <Select options={channelOptions} />
              </Form.Item>
              {fields(f.name)}
              <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('msg.settings.removeRow')} />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} disabled={rows.length >= CAPS_MAX} onClick={() => add(newRow)} data-testid={addTestId}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Frequency caps, quiet hours per channel, retries and the shop name of templates, with the server's rules inline. */
export default function SettingsPage() {
  const { t, tOr } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('messaging.manage');
  const onError = useFieldPathErrorHandler();
  const [form] = Form.useForm<MessagingSettings>();
  const [saving, setSaving] = useState(false);
  const { data, reload } = useFetched<MessagingSettingsView | undefined>((signal) => messagingSettingsApi.get(signal), 'settings', undefined);
  const [view, setView] = useState<MessagingSettingsView | undefined>();
  useEffect(() => {
    if (data) {
      setView(data);
      form.setFieldsValue(toForm(data));
    }
  }, [data, form]);
  const problemsOf = useCallback((v: MessagingSettings) => settingsProblems(v), []);
  const rule = useProblemRule(problemsOf);
  const quiet = (Form.useWatch('quietHours', form) as MessagingSettings['quietHours'] | undefined) ?? [];

  const save = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as MessagingSettings;
    setSaving(true);
    try {
      const saved = await messagingSettingsApi.put({
        shopName: (v.shopName ?? '').trim(),
        caps: v.caps ?? [],
        quietHours: (v.quietHours ?? []).map((q) => ({ ...q, start: q.start.trim(), end: q.end.trim() })),
        retry: v.retry,
      });
      setView(saved);
      form.setFieldsValue(toForm(saved));
      message.success(t('msg.settings.saved'));
    } catch (e) {
      onError(form, e, (f) => /^(shopName|caps|quietHours|retry)/.test(f));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('msg.title')} subtitle={t('msg.settings.subtitle')} />
      <MessagingNav />
      {!view ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical" disabled={!manage} data-testid="msg-settings-form">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('msg.settings.zone', { zone: view.timezone, policy: tOr(`msg.consent.default.${view.marketingDefault}`, view.marketingDefault) })}
          />
          <Card title={t('msg.settings.caps')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t('msg.settings.capsHelp')}</Typography.Paragraph>
            <ChannelRows
              name="caps"
              rule={rule}
              rowTestId="msg-cap-row"
              addLabel={t('msg.settings.addCap')}
              addTestId="msg-cap-add"
              newRow={{ channel: 'all', count: 4, periodDays: 30 }}
              fields={(i) => (
                <>
                  <Form.Item name={[i, 'count']} rules={[rule(`caps[${i}].count`)]}>
                    <InputNumber min={0} max={CAP_COUNT_MAX} precision={0} addonAfter={t('msg.settings.messages')} data-testid="msg-cap-count" />
                  </Form.Item>
                  <Form.Item name={[i, 'periodDays']} rules={[rule(`caps[${i}].periodDays`)]}>
                    <InputNumber addonBefore={t('msg.settings.per')} addonAfter={t('msg.settings.days')} data-testid="msg-cap-days" />
                  </Form.Item>
                </>
              )}
            />
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
              {t('msg.settings.limits', { days: PERIOD_DAYS_MAX, count: CAP_COUNT_MAX })}
            </Typography.Text>
          </Card>
          <Card title={t('msg.settings.quiet')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t('msg.settings.quietHelp')}</Typography.Paragraph>
            <ChannelRows
              name="quietHours"
              rule={rule}
              rowTestId="msg-quiet-row"
              addLabel={t('msg.settings.addQuiet')}
              newRow={{ channel: 'sms', start: '21:00', end: '08:00' }}
              fields={(i) => (
                <>
                  <Form.Item name={[i, 'start']} rules={[rule(`quietHours[${i}].start`)]} dependencies={[['quietHours', i, 'end']]}>
                    <Input placeholder="21:00" style={{ width: 110 }} addonBefore={t('msg.settings.from')} data-testid="msg-quiet-start" />
                  </Form.Item>
                  <Form.Item name={[i, 'end']} rules={[rule(`quietHours[${i}].end`)]} dependencies={[['quietHours', i, 'start']]}>
                    <Input placeholder="08:00" style={{ width: 110 }} addonBefore={t('msg.settings.to')} data-testid="msg-quiet-end" />
                  </Form.Item>
                  {quiet[i] && overnight(quiet[i].start ?? '', quiet[i].end ?? '') && (
                    <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                      {t('msg.settings.overnight')}
                    </Typography.Text>
                  )}
                </>
              )}
            />
          </Card>
          <Card title={t('msg.settings.retryAndShop')} style={{ marginBottom: 16 }}>
            <Flex gap={16} wrap>
              <Form.Item name={['retry', 'maxAttempts']} label={t('msg.settings.maxAttempts')} rules={[rule('retry.maxAttempts')]}>
                <InputNumber min={1} max={ATTEMPTS_MAX} precision={0} data-testid="msg-retry-attempts" />
              </Form.Item>
              <Form.Item
                name={['retry', 'backoffSeconds']}
                label={t('msg.settings.backoff')}
                rules={[rule('retry.backoffSeconds')]}
                extra={t('msg.settings.backoffHelp')}
              >
                <InputNumber min={1} max={BACKOFF_MAX} precision={0} addonAfter={t('msg.settings.seconds')} data-testid="msg-retry-backoff" />
              </Form.Item>
              <Form.Item name="shopName" label={t('msg.settings.shopName')} rules={[rule('shopName')]} extra={t('msg.settings.shopNameHelp')} style={{ minWidth: 280 }}>
                <Input maxLength={SHOP_NAME_MAX} data-testid="msg-shop-name" />
              </Form.Item>
            </Flex>
          </Card>
          {manage && (
            <Flex gap={8} justify="flex-end">
              <Button onClick={reload} disabled={saving}>
                {t('common.reset')}
              </Button>
              <Button type="primary" loading={saving} onClick={() => void save()} data-testid="msg-settings-save">
                {t('common.save')}
              </Button>
            </Flex>
          )}
        </Form>
      )}
    </>
  );
}
