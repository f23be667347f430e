import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { LinkOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { channelsApi, kindOf, type CallbackUrls, type Channel, type SmsParam, type TestResult } from '../../api/messaging';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { RefreshButton } from '../../components/RefreshButton';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError, useFormErrorHandler } from '../../hooks/useApiError';
import { useFetched } from '../../hooks/useFetched';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { testAddressProblem, testNeedsAddress } from '../../lib/messaging';
import { ChannelDrawer } from './ChannelDrawer';
import { MessagingNav } from './MessagingNav';
import { ChannelTypeTag, EnabledTag } from './MessagingTags';
import { SmsParamsFields } from './SmsParamsFields';
import { useProblemText } from './rules';

/** Sends one message now to an address and shows what the provider answered (or its error). */
function TestSendModal({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const { t } = useI18n();
  const onError = useFormErrorHandler();
  const problemText = useProblemText();
  const [form] = Form.useForm<{ address: string; text?: string; smsTemplateCode?: string; smsParams?: SmsParam[] }>();
  const sms = kindOf(channel.type) === 'sms';
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const needsAddress = testNeedsAddress(channel.type);
  const send = async () => {
    const v = await form.validateFields();
    setSending(true);
    setResult(null);
    try {
      setResult(
        await channelsApi.test(channel.id, {
          address: (v.address ?? '').trim(),
          text: v.text?.trim() || null,
          ...(sms ? { smsTemplateCode: v.smsTemplateCode?.trim() || null, smsParams: (v.smsParams ?? []).filter((p) => p?.name) } : {}),
        }),
      );
    } catch (e) {
      onError(form, e, ['address', 'text', 'smsTemplateCode', 'smsParams']);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title={t('msg.test.title', { name: channel.name })}
      onCancel={onClose}
      onOk={() => void send()}
      okText={t('msg.test.send')}
      cancelText={t('common.close')}
      confirmLoading={sending}
      okButtonProps={{ icon: <SendOutlined />, ...({ 'data-testid': 'channel-test-send' } as Record<`data-${string}`, string>) }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="address"
          label={t('msg.test.address')}
          extra={needsAddress ? undefined : t('msg.test.noAddress')}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                if (!needsAddress) return Promise.resolve();
                const problem = testAddressProblem(channel.type, value ?? '');
                return problem ? Promise.reject(new Error(problemText(problem))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input
            placeholder={kindOf(channel.type) === 'sms' ? '+86 138 0013 8000' : 'name@example.com'}
            autoFocus
            data-testid="channel-test-address"
          />
        </Form.Item>
        <Form.Item name="text" label={t('msg.test.text')}>
          <Input.TextArea rows={2} placeholder={t('msg.test.textDefault')} data-testid="channel-test-text" />
        </Form.Item>
        {sms && (
          <>
            <Form.Item
              name="smsTemplateCode"
              label={t('msg.template.smsTemplateCode')}
              extra={t('msg.test.smsTemplateHelp')}
              rules={[{ required: true, whitespace: true, message: t('msg.v.smsTemplateCode') }]}
            >
              <Input placeholder={channel.type === 'sms_tencent' ? '1234567' : 'SMS_123456789'} data-testid="channel-test-sms-code" />
            </Form.Item>
            <SmsParamsFields rule={() => ({})} />
          </>
        )}
      </Form>
      {result && (
        <Alert
          type={result.ok ? 'success' : 'error'}
          showIcon
          data-testid="channel-test-result"
          data-ok={String(result.ok)}
          message={result.ok ? t('msg.test.ok') : t('msg.test.failed')}
          description={
            <Descriptions size="small" column={1}>
              {(
                [
                  ['msg.test.providerId', result.providerMessageId, 'channel-test-provider-id'],
                  ['msg.test.answer', result.answer, 'channel-test-answer'],
                  ['msg.test.error', result.error, 'channel-test-error'],
                ] as const
              )
                .filter(([, value]) => !!value)
                .map(([label, value, testId]) => (
                  <Descriptions.Item key={label} label={t(label)}>
                    <Typography.Text className="ll-mono" type={label === 'msg.test.error' ? 'danger' : undefined} copyable data-testid={testId}>
                      {value}
                    </Typography.Text>
                  </Descriptions.Item>
                ))}
            </Descriptions>
          }
        />
      )}
    </Modal>
  );
}

/** The receipt and reply URLs the SMS provider's console needs, or the bounce URL of an e-mail channel's mail server. */
function CallbacksModal({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const { t } = useI18n();
  const { data } = useFetched<CallbackUrls | undefined>(() => channelsApi.callbacks(channel.id), channel.id, undefined);
  return (
    <Modal open title={t('msg.callbacks.title', { name: channel.name })} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {t(kindOf(channel.type) === 'email' ? 'msg.callbacks.helpEmail' : 'msg.callbacks.help')}
      </Typography.Paragraph>
      {data === null ? (
        <Spin />
      ) : data ? (
        <Descriptions column={1} bordered size="small" data-testid="channel-callbacks">
          {data.receipts && (
            <Descriptions.Item label={t('msg.callbacks.receipts')}>
              <Typography.Text className="ll-mono" copyable data-testid="channel-callback-receipts">
                {data.receipts}
              </Typography.Text>
            </Descriptions.Item>
          )}
          {data.replies && (
            <Descriptions.Item label={t('msg.callbacks.replies')}>
              <Typography.Text className="ll-mono" copyable data-testid="channel-callback-replies">
                {data.replies}
              </Typography.Text>
            </Descriptions.Item>
          )}
          {data.bounces && (
            <Descriptions.Item label={t('msg.callbacks.bounces')}>
              <Typography.Text className="ll-mono" copyable data-testid="channel-callback-bounces">
                {data.bounces}
              </Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : null}
    </Modal>
  );
}

/** The settings of one channel's type in a line: host and sender, 签名, robot, URL; secrets only as set. */
function ChannelSummary({ c }: { c: Channel }) {
  const { t } = useI18n();
  const set = (v: boolean) => (v ? t('msg.secret.set') : t('msg.secret.unset'));
  let text = '';
  if (c.email) text = `${c.email.host}:${c.email.port ?? ''} · ${c.email.fromAddress} · ${t('msg.email.password')} ${set(c.email.passwordSet)}`;
  else if (c.aliyunSms) text = `【${c.aliyunSms.signName}】 · ${c.aliyunSms.accessKeyId} · Secret ${set(c.aliyunSms.accessKeySecretSet)}`;
  else if (c.tencentSms) text = `【${c.tencentSms.signName}】 · ${c.tencentSms.sdkAppId} · SecretKey ${set(c.tencentSms.secretKeySet)}`;
  else if (c.wecomRobot) text = `${c.wecomRobot.messageType} · ${c.wecomRobot.webhookUrlHint ?? ''}`;
  else if (c.webhook) text = `${c.webhook.url} · ${t('msg.webhook.secret')} ${set(c.webhook.secretSet)}`;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
      {text}
    </Typography.Text>
  );
}

/** Channels: each provider account with its type, status and send rate; create, edit, enable/disable, test, callbacks. */
export default function ChannelsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('messaging.manage');
  const showError = useApiError();
  const { data, reload } = useFetched<Channel[]>((signal) => channelsApi.list(signal), 'channels', []);
  const [editing, setEditing] = useState<Channel | null | undefined>(undefined);
  const [testing, setTesting] = useState<Channel | null>(null);
  const [callbacks, setCallbacks] = useState<Channel | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);

  const toggle = async (c: Channel) => {
    setToggling(c.id);
    try {
      const changed = c.enabled ? await channelsApi.disable(c.id) : await channelsApi.enable(c.id);
      message.success(t(changed.enabled ? 'msg.channel.enabledDone' : 'msg.channel.disabledDone', { name: c.name }));
      reload();
    } catch (e) {
      showError(e);
    } finally {
      setToggling(null);
    }
  };

  const columns: TableColumnsType<Channel> = [
    {
      title: t('msg.channel.name'),
      key: 'name',
      render: (_, c) => (
        <>
          <Typography.Text strong data-testid="channel-name">
            {c.name}
          </Typography.Text>
          <div>
            <ChannelSummary c={c} />
          </div>
        </>
      ),
    },
    { title: t('msg.channel.type'), dataIndex: 'type', render: (_, c) => <ChannelTypeTag type={c.type} /> },
    { title: t('msg.channel.status'), dataIndex: 'enabled', render: (_, c) => <EnabledTag enabled={c.enabled} /> },
    { title: t('msg.channel.rate'), dataIndex: 'ratePerSecond', render: (r: number) => t('msg.channel.perSecond', { rate: r }) },
    { title: t('msg.col.updatedAt'), dataIndex: 'updatedAt', className: 'll-nowrap', render: formatDateTime },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setEditing(c)} data-testid="channel-edit">
            {t('common.edit')}
          </Button>
          <Button size="small" loading={toggling === c.id} onClick={() => void toggle(c)} data-testid="channel-toggle">
            {t(c.enabled ? 'msg.channel.disable' : 'msg.channel.enable')}
          </Button>
          <Button size="small" icon={<SendOutlined />} onClick={() => setTesting(c)} data-testid="channel-test">
            {t('msg.test.button')}
          </Button>
          {(kindOf(c.type) === 'sms' || kindOf(c.type) === 'email') && (
            <Button size="small" icon={<LinkOutlined />} onClick={() => setCallbacks(c)} data-testid="channel-callbacks-open">
              {t('msg.callbacks.button')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('msg.title')}
        subtitle={t('msg.channels.subtitle')}
        extra={
          <>
            <RefreshButton onClick={reload} />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="channel-new">
                {t('msg.channel.new')}
              </Button>
            )}
          </>
        }
      />
      <MessagingNav />
      <Card className="ll-table-card">
        <Table<Channel>
          rowKey="id"
          loading={data === null}
          dataSource={data ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty description={t(manage ? 'msg.channels.emptyManage' : 'msg.channels.empty')} /> }}
          data-testid="channels-table"
        />
      </Card>
      {editing !== undefined && (
        <ChannelDrawer
          open
          channel={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            reload();
          }}
        />
      )}
      {testing && <TestSendModal channel={testing} onClose={() => setTesting(null)} />}
      {callbacks && <CallbacksModal channel={callbacks} onClose={() => setCallbacks(null)} />}
    </>
  );
}
