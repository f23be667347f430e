import { useCallback, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Drawer, Empty, Flex, Form, Input, Radio, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { PURPOSES, kindOf, messageTemplatesApi, type Channel, type MessageTemplate, type Preview } from '../../api/messaging';
import { useAuth } from '../../auth/AuthContext';
import { CustomerPicker } from '../../components/CustomerPicker';
import { useApiError, useFieldPathErrorHandler } from '../../hooks/useApiError';
import { useFetched } from '../../hooks/useFetched';
import { useI18n } from '../../i18n/I18nProvider';
import {
  NAME_MAX,
  insertVariable,
  smsLength,
  smsText,
  templateFormProblems,
  toTemplateInput,
  type TemplateFormValues,
} from '../../lib/messaging';
import { ChannelTypeTag } from './MessagingTags';
import { SmsParamsFields } from './SmsParamsFields';
import { useProblemRule } from './rules';

type TextField = 'subject' | 'body';

function toFormValues(t: MessageTemplate | null, channels: readonly Channel[]): TemplateFormValues {
  if (!t) return { channelId: channels.find((c) => c.enabled)?.id, purpose: 'marketing', name: '', subject: '', body: '', smsParams: [] };
  return {
    channelId: t.channelId,
    purpose: t.purpose,
    name: t.name,
    subject: t.subject ?? '',
    body: t.body,
    smsTemplateCode: t.smsTemplateCode ?? '',
    smsParams: t.smsParams.map((p) => ({ ...p })),
  };
}

const signNameOf = (c: Channel | undefined) => c?.aliyunSms?.signName ?? c?.tencentSms?.signName ?? '';

/** A template rendered for a real customer: subject and body, and for SMS the text as sent with its length. */
function PreviewPanel({ preview }: { preview: Preview }) {
  const { t, tOr } = useI18n();
  return (
    <div data-testid="template-preview">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('msg.preview.address')}>
          <span data-testid="template-preview-address">{preview.address ?? t('msg.preview.noAddress')}</span>
          {!preview.piiRevealed && preview.address && <Tag style={{ marginLeft: 8 }}>{t('msg.preview.masked')}</Tag>}
        </Descriptions.Item>
        {preview.subject != null && (
          <Descriptions.Item label={t('msg.template.subject')}>
            <span data-testid="template-preview-subject">{preview.subject}</span>
          </Descriptions.Item>
        )}
        {preview.smsParams.length > 0 && (
          <Descriptions.Item label={t('msg.template.smsParams')}>
            {preview.smsParams.map((p) => (
              <div key={p.name} className="ll-mono">
                {p.name} = {p.value}
              </div>
            ))}
          </Descriptions.Item>
        )}
        {preview.sms && (
          <Descriptions.Item label={t('msg.preview.smsLength')}>
            <span data-testid="template-preview-sms-count">
              {t('msg.preview.smsCount', {
                characters: preview.sms.characters,
                segments: preview.sms.segments,
                encoding: tOr(`msg.sms.encoding.${preview.sms.encoding}`, preview.sms.encoding),
              })}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {preview.sms ? (
        <Card size="small" style={{ marginTop: 12, background: '#f6ffed' }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="template-preview-sms">
            {preview.sms.text}
          </Typography.Paragraph>
        </Card>
      ) : preview.channel === 'email' ? (
        <iframe
          title="preview"
          sandbox=""
          srcDoc={preview.body}
          style={{ width: '100%', height: 360, border: '1px solid #f0f0f0', marginTop: 12, background: '#fff' }}
          data-testid="template-preview-html"
        />
      ) : (
        <Card size="small" style={{ marginTop: 12 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{preview.body}</Typography.Paragraph>
        </Card>
      )}
      {preview.channel === 'email' && (
        <details style={{ marginTop: 8 }}>
          <summary>{t('msg.preview.source')}</summary>
          <pre className="ll-mono" style={{ whiteSpace: 'pre-wrap', fontSize: 12 }} data-testid="template-preview-body">
            {preview.body}
          </pre>
        </details>
      )}
    </div>
  );
}

/**
 * The template editor: channel and purpose, subject and body in Mustache with the variables to insert, for SMS the
 * provider's template code and its parameters; checked as the server checks them (unknown variables, syntax errors
 * with their line); and a preview with a real customer, which saves the template first when it has changed.
 */
export function TemplateEditor({
  template,
  channels,
  onClose,
  onSaved,
}: {
  template: MessageTemplate | null;
  channels: Channel[];
  onClose: () => void;
  onSaved: (t: MessageTemplate) => void;
}) {
  const { t, tOr } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('messaging.manage');
  const showError = useApiError();
  const onError = useFieldPathErrorHandler();
  const [form] = Form.useForm<TemplateFormValues>();
  const [saved, setSaved] = useState<MessageTemplate | null>(template);
  const [dirty, setDirty] = useState(template === null);
  const [saving, setSaving] = useState(false);
  const [customerId, setCustomerId] = useState<string | undefined>();
  const [couponCode, setCouponCode] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const caret = useRef<{ field: TextField; start: number | null; end: number | null }>({ field: 'body', start: null, end: null });
  const { data: vars } = useFetched((signal) => messageTemplatesApi.variables(signal), 'variables', { variables: [] as string[] });
  const variables = useMemo(() => vars?.variables ?? [], [vars]);

  const initial = useMemo(() => toFormValues(template, channels), [template, channels]);
  const channelId = Form.useWatch('channelId', form) ?? initial.channelId;
  const purpose = Form.useWatch('purpose', form) ?? initial.purpose;
  const body = (Form.useWatch('body', form) as string | undefined) ?? initial.body ?? '';
  const channel = channels.find((c) => c.id === channelId);
  const type = channel?.type;
  const kind = type ? kindOf(type) : undefined;
  const problemsOf = useCallback((v: TemplateFormValues) => templateFormProblems(v, type, variables), [type, variables]);
  const rule = useProblemRule(problemsOf);

  const save = async (): Promise<MessageTemplate | null> => {
    try {
      await form.validateFields();
    } catch {
      return null;
    }
    const input = toTemplateInput(form.getFieldsValue(true) as TemplateFormValues, type);
    setSaving(true);
    try {
      const result = saved ? await messageTemplatesApi.update(saved.id, input) : await messageTemplatesApi.create(input);
      message.success(t(saved ? 'msg.template.updated' : 'msg.template.created', { name: result.name }));
      setSaved(result);
      setDirty(false);
      onSaved(result);
      return result;
    } catch (e) {
      onError(form, e, (f) => ['channelId', 'purpose', 'name', 'subject', 'body', 'smsTemplateCode', 'smsParams', 'status'].includes(f.replace(/[[.].*$/, '')));
      return null;
    } finally {
      setSaving(false);
    }
  };

  const runPreview = async () => {
    if (!customerId) return;
    const current = dirty || !saved ? await save() : saved;
    if (!current) return;
    setPreviewing(true);
    try {
      setPreview(await messageTemplatesApi.preview(current.id, customerId, couponCode.trim()));
    } catch (e) {
      setPreview(null);
      if (e instanceof ApiError && e.fieldErrors.length > 0) message.error(e.fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; '));
      else showError(e);
    } finally {
      setPreviewing(false);
    }
  };

  const insert = (variable: string) => {
    const { field, start, end } = caret.current;
    const target: TextField = field === 'subject' && kind !== 'email' ? 'body' : field;
    const current = (form.getFieldValue(target) as string | undefined) ?? '';
    const next = insertVariable(current, variable, start, end);
    form.setFieldValue(target, next.text);
    caret.current = { field: target, start: next.caret, end: next.caret };
    setDirty(true);
    void form.validateFields([target]).catch(() => undefined);
  };

  const track = (field: TextField) => (e: React.SyntheticEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    caret.current = { field, start: el.selectionStart, end: el.selectionEnd };
  };

  const liveSms = kind === 'sms' ? smsLength(smsText(signNameOf(channel), body, purpose === 'marketing')) : null;

  return (
    <Drawer
      open
      onClose={onClose}
      width={1180}
      destroyOnHidden
      title={saved ? t('msg.template.editTitle', { name: saved.name }) : t('msg.template.newTitle')}
      footer={
        <Flex justify="space-between" gap={8}>
          <Typography.Text type="secondary">{dirty && saved ? t('msg.template.unsaved') : ''}</Typography.Text>
          <Space>
            <Button onClick={onClose}>{t('common.close')}</Button>
            {manage && (
              <Button type="primary" loading={saving} onClick={() => void save()} data-testid="template-form-submit">
                {t('common.save')}
              </Button>
            )}
          </Space>
        </Flex>
      }
    >
      <Row gutter={24}>
        <Col xs={24} lg={14}>
          <Form
            form={form}
            layout="vertical"
            initialValues={initial}
            disabled={!manage}
            onValuesChange={() => setDirty(true)}
            data-testid="template-form"
          >
            <Flex gap={12} wrap>
              <Form.Item name="channelId" label={t('msg.template.channel')} rules={[rule('channelId')]} style={{ flex: 1, minWidth: 240 }} required>
                <Select
                  showSearch
                  optionFilterProp="label"
                  disabled={!!saved}
                  options={channels.map((c) => ({ value: c.id, label: `${c.name} · ${tOr(`msg.type.${c.type}`, c.type)}` }))}
                  data-testid="template-form-channel"
                />
              </Form.Item>
              <Form.Item name="purpose" label={t('msg.template.purpose')} rules={[rule('purpose')]} required>
                <Radio.Group
                  optionType="button"
                  options={PURPOSES.map((p) => ({ value: p, label: tOr(`msg.purpose.${p}`, p) }))}
                  data-testid="template-form-purpose"
                />
              </Form.Item>
            </Flex>
            <Form.Item name="name" label={t('msg.template.name')} rules={[rule('name')]} required>
              <Input maxLength={NAME_MAX} data-testid="template-form-name" />
            </Form.Item>
            <div style={{ marginBottom: 12 }} data-testid="template-variables">
              <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                {t('msg.template.variables')}
              </Typography.Text>
              {variables.map((v) => (
                <Tooltip key={v} title={tOr(`msg.var.${v}`, v)}>
                  <Tag
                    color="blue"
                    style={{ cursor: manage ? 'pointer' : undefined, marginBottom: 4 }}
                    onClick={() => manage && insert(v)}
                    data-testid="template-variable"
                    data-variable={v}
                  >
                    {`{{${v}}}`}
                  </Tag>
                </Tooltip>
              ))}
            </div>
            {kind === 'email' && (
              <Form.Item name="subject" label={t('msg.template.subject')} rules={[rule('subject')]} required>
                <Input onSelect={track('subject')} onFocus={track('subject')} data-testid="template-form-subject" />
              </Form.Item>
            )}
            <Form.Item
              name="body"
              label={t(kind === 'email' ? 'msg.template.bodyHtml' : 'msg.template.body')}
              rules={[rule('body')]}
              required
              extra={
                liveSms && (
                  <span data-testid="template-sms-live">
                    {t('msg.template.smsLive', { characters: liveSms.characters, segments: liveSms.segments })}
                  </span>
                )
              }
            >
              <Input.TextArea
                rows={kind === 'email' ? 12 : 5}
                className="ll-mono"
                onSelect={track('body')}
                onFocus={track('body')}
                data-testid="template-form-body"
              />
            </Form.Item>
            {kind === 'sms' && (
              <>
                <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('msg.template.smsHelp', { sign: signNameOf(channel) || '签名' })} />
                <Form.Item
                  name="smsTemplateCode"
                  label={t('msg.template.smsTemplateCode')}
                  rules={[rule('smsTemplateCode')]}
                  required
                  extra={type === 'sms_tencent' ? t('msg.template.tencentCodeHelp') : t('msg.template.aliyunCodeHelp')}
                >
                  <Input placeholder={type === 'sms_tencent' ? '1234567' : 'SMS_123456789'} data-testid="template-form-sms-code" />
                </Form.Item>
                <SmsParamsFields rule={rule} />
              </>
            )}
          </Form>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('msg.preview.title')} extra={channel && <ChannelTypeTag type={channel.type} />}>
            <Flex vertical gap={8}>
              <CustomerPicker value={customerId} onChange={(id) => setCustomerId(id)} testId="template-preview-customer" style={{ width: '100%' }} />
              <Input
                value={couponCode}
                onChange={(e) => setCouponCode(e.target.value)}
                placeholder={t('msg.preview.couponCode')}
                data-testid="template-preview-coupon"
              />
              <Button
                icon={<EyeOutlined />}
                disabled={!customerId || (!manage && (!saved || dirty))}
                loading={previewing || saving}
                onClick={() => void runPreview()}
                data-testid="template-preview-run"
              >
                {dirty || !saved ? t('msg.preview.saveAndRun') : t('msg.preview.run')}
              </Button>
            </Flex>
            <div style={{ marginTop: 12 }}>
              {preview ? <PreviewPanel preview={preview} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('msg.preview.empty')} />}
            </div>
          </Card>
        </Col>
      </Row>
    </Drawer>
  );
}
