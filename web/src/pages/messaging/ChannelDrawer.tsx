import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { ApiError } from '../../api/api';
import { CHANNEL_TYPES, EMAIL_SECURITY, WECOM_MESSAGE_TYPES, channelsApi, type Channel, type ChannelType } from '../../api/messaging';
import { useFieldPathErrorHandler } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import {
  NAME_MAX,
  RATE_MAX,
  RATE_MIN,
  channelProblems,
  newChannelValues,
  secretsSet,
  toChannelFormValues,
  toChannelInput,
  type ChannelFormValues,
} from '../../lib/messaging';
import { useProblemRule } from './rules';

/** A write-only secret: blank keeps the stored one, which shows as "set" with its hint. */
function SecretInput({ isSet, hint, testId, ...rest }: { isSet: boolean; hint?: string | null; testId: string; value?: string; onChange?: (e: React.ChangeEvent<HTMLInputElement>) => void }) {
  const { t } = useI18n();
  return (
    <Input.Password
      {...rest}
      autoComplete="new-password"
      placeholder={isSet ? t('msg.secret.keep', { hint: hint ?? '••••' }) : undefined}
      data-testid={testId}
    />
  );
}

/** Creates a channel of any type or edits one; the settings of the chosen type, with the server's rules inline. */
export function ChannelDrawer({
  open,
  channel,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: a new channel. */
  channel: Channel | null;
  onClose: () => void;
  onSaved: (c: Channel) => void;
}) {
  const { t, tOr } = useI18n();
  const { message } = App.useApp();
  const onError = useFieldPathErrorHandler();
  const [form] = Form.useForm<ChannelFormValues>();
  const [saving, setSaving] = useState(false);
  const editing = channel !== null;
  const set = useMemo(() => secretsSet(channel), [channel]);
  const initial = useMemo(() => (channel ? toChannelFormValues(channel) : newChannelValues()), [channel]);
  const type = (Form.useWatch('type', form) ?? initial.type) as ChannelType;
  const problemsOf = useCallback((v: ChannelFormValues) => channelProblems({ ...v, type: v.type ?? initial.type }, set), [set, initial.type]);
  const rule = useProblemRule(problemsOf);
  const secretNote = (isSet: boolean) => (isSet ? <span data-testid="msg-secret-set">{t('msg.secret.set')}</span> : undefined);

  const submit = async () => {
    let v: ChannelFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    v = { ...(form.getFieldsValue(true) as ChannelFormValues), type };
    setSaving(true);
    try {
      const body = toChannelInput(v, editing);
      const saved = channel ? await channelsApi.update(channel.id, body) : await channelsApi.create(body);
      message.success(t(channel ? 'msg.channel.updated' : 'msg.channel.created', { name: saved.name }));
      onSaved(saved);
    } catch (e) {
      onError(form, e, (f) => f === 'name' || f === 'ratePerSecond' || f === 'type' || f.includes('.'));
      if (e instanceof ApiError && e.status === 409) message.error(e.problem.detail || e.problem.title);
    } finally {
      setSaving(false);
    }
  };

  const item = (name: string, label: string, node: React.ReactNode, opts: { extra?: React.ReactNode; required?: boolean } = {}) => (
    <Form.Item
      name={name.split('.')}
      label={label}
      rules={[rule(name)]}
      extra={opts.extra}
      required={opts.required}
    >
      {node}
    </Form.Item>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={560}
      destroyOnHidden
      title={channel ? t('msg.channel.editTitle', { name: channel.name }) : t('msg.channel.newTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="channel-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false} data-testid="channel-form">
        <Form.Item name="type" label={t('msg.channel.type')} extra={editing ? t('msg.channel.typeFixed') : undefined}>
          <Select
            disabled={editing}
            options={CHANNEL_TYPES.map((x) => ({ value: x, label: tOr(`msg.type.${x}`, x) }))}
            data-testid="channel-form-type"
          />
        </Form.Item>
        {item('name', t('msg.channel.name'), <Input maxLength={NAME_MAX} data-testid="channel-form-name" />, { required: true })}
        {item(
          'ratePerSecond',
          t('msg.channel.rate'),
          <InputNumber min={RATE_MIN} max={RATE_MAX} precision={0} style={{ width: 160 }} data-testid="channel-form-rate" />,
          { extra: t('msg.channel.rateHelp') },
        )}
        {type === 'email' && (
          <>
            <Typography.Title level={5}>{t('msg.type.email')}</Typography.Title>
            <Flex gap={8}>
              <div style={{ flex: 1 }}>{item('email.host', t('msg.email.host'), <Input data-testid="channel-form-host" />, { required: true })}</div>
              <div style={{ width: 120 }}>
                {item('email.port', t('msg.email.port'), <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} placeholder="587 / 465" data-testid="channel-form-port" />)}
              </div>
            </Flex>
            {item(
              'email.security',
              t('msg.email.security'),
              <Select options={EMAIL_SECURITY.map((x) => ({ value: x, label: tOr(`msg.email.security.${x}`, x) }))} data-testid="channel-form-security" />,
            )}
            {item('email.username', t('msg.email.username'), <Input autoComplete="off" data-testid="channel-form-username" />)}
            {item(
              'email.password',
              t('msg.email.password'),
              <SecretInput isSet={set.password} testId="channel-form-password" />,
              { extra: secretNote(set.password) },
            )}
            {item('email.fromAddress', t('msg.email.fromAddress'), <Input data-testid="channel-form-from" />, { required: true })}
            {item('email.fromName', t('msg.email.fromName'), <Input maxLength={NAME_MAX} data-testid="channel-form-from-name" />)}
          </>
        )}
        {type === 'sms_aliyun' && (
          <>
            <Typography.Title level={5}>{t('msg.type.sms_aliyun')}</Typography.Title>
            {item('aliyunSms.accessKeyId', 'AccessKey ID', <Input autoComplete="off" data-testid="channel-form-aliyun-key" />, { required: true })}
            {item(
              'aliyunSms.accessKeySecret',
              'AccessKey Secret',
              <SecretInput isSet={set.accessKeySecret} hint={channel?.aliyunSms?.accessKeySecretHint} testId="channel-form-aliyun-secret" />,
              { extra: secretNote(set.accessKeySecret), required: !set.accessKeySecret },
            )}
            {item('aliyunSms.signName', t('msg.sms.signName'), <Input placeholder={t('msg.sms.signNameHint')} data-testid="channel-form-sign" />, { required: true })}
            {item('aliyunSms.endpoint', t('msg.sms.endpoint'), <Input placeholder="https://dysmsapi.aliyuncs.com" />)}
            {item('aliyunSms.regionId', t('msg.sms.region'), <Input placeholder="cn-hangzhou" />)}
          </>
        )}
        {type === 'sms_tencent' && (
          <>
            <Typography.Title level={5}>{t('msg.type.sms_tencent')}</Typography.Title>
            {item('tencentSms.secretId', 'SecretId', <Input autoComplete="off" />, { required: true })}
            {item(
              'tencentSms.secretKey',
              'SecretKey',
              <SecretInput isSet={set.secretKey} hint={channel?.tencentSms?.secretKeyHint} testId="channel-form-tencent-secret" />,
              { extra: secretNote(set.secretKey), required: !set.secretKey },
            )}
            {item('tencentSms.sdkAppId', 'SdkAppId', <Input placeholder="1400000000" />, { required: true })}
            {item('tencentSms.signName', t('msg.sms.signName'), <Input placeholder={t('msg.sms.signNameHint')} />, { required: true })}
            {item('tencentSms.region', t('msg.sms.region'), <Input placeholder="ap-guangzhou" />)}
            {item('tencentSms.endpoint', t('msg.sms.endpoint'), <Input placeholder="https://sms.tencentcloudapi.com" />)}
          </>
        )}
        {type === 'wecom_robot' && (
          <>
            <Typography.Title level={5}>{t('msg.type.wecom_robot')}</Typography.Title>
            {item(
              'wecomRobot.webhookUrl',
              t('msg.wecom.webhookUrl'),
              <SecretInput isSet={set.webhookUrl} hint={channel?.wecomRobot?.webhookUrlHint} testId="channel-form-wecom-url" />,
              { extra: secretNote(set.webhookUrl) ?? 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…', required: !set.webhookUrl },
            )}
            {item(
              'wecomRobot.messageType',
              t('msg.wecom.messageType'),
              <Select options={WECOM_MESSAGE_TYPES.map((x) => ({ value: x, label: x }))} />,
            )}
          </>
        )}
        {(type === 'webhook' || type === 'push_webhook') && (
          <>
            <Typography.Title level={5}>{t(`msg.type.${type}`)}</Typography.Title>
            {item('webhook.url', 'URL', <Input placeholder="https://" data-testid="channel-form-webhook-url" />, { required: true })}
            {item(
              'webhook.secret',
              t('msg.webhook.secret'),
              <SecretInput isSet={set.secret} hint={channel?.webhook?.secretHint} testId="channel-form-webhook-secret" />,
              { extra: secretNote(set.secret) ?? t('msg.webhook.secretHelp'), required: !set.secret },
            )}
          </>
        )}
        {editing && <Alert type="info" showIcon message={t('msg.secret.blankKeeps')} />}
      </Form>
    </Drawer>
  );
}
