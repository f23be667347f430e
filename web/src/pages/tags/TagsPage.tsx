import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, ColorPicker, Drawer, Flex, Form, Input, Modal, Popconfirm, Radio, Select, Table, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, type FieldError } from '../../api/api';
import { segmentsApi, tagsApi, type GroupCondition, type TagInfo, type TagKind, type UploadResult } from '../../api/segments';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { checkCondition, countRules, emptyGroup } from '../../lib/conditions';
import { formatDateTime, formatNumber } from '../../lib/format';
import { conditionProblemTexts } from '../../lib/problems';
import { ConditionBuilder } from '../segments/ConditionBuilder';
import { useBuilderData } from '../segments/SegmentEditPage';

const KIND_COLORS: Record<TagKind, string> = { manual: 'blue', rule: 'purple', system: 'gold' };

/** Tags: list with counts, create manual or rule tags, give a manual tag to an uploaded list or a segment. */
export default function TagsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [tags, setTags] = useState<TagInfo[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<TagKind | undefined>();
  const [creating, setCreating] = useState(false);
  const [uploadFor, setUploadFor] = useState<TagInfo | null>(null);
  const [segmentFor, setSegmentFor] = useState<TagInfo | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    tagsApi
      .list(q || undefined, kind)
      .then((list) => {
        setTags(list);
        setError(null);
      })
      .catch((e: unknown) => {
        setError(e);
        showError(e);
      })
      .finally(() => setLoading(false));
  }, [q, kind, showError]);
  useEffect(load, [load]);

  const manage = can('segment.manage');
  return (
    <>
      <PageHeader
        title={t('tags.title')}
        subtitle={t('tags.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="tags-new">
              {t('tags.new')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('tags.search')} style={{ width: 240 }} onSearch={setQ} data-testid="tags-search" />
          <Select
            allowClear
            placeholder={t('tags.kind')}
            style={{ width: 160 }}
            value={kind}
            onChange={setKind}
            options={(['manual', 'rule', 'system'] as const).map((k) => ({ value: k, label: t(`tags.kind.${k}`) }))}
          />
        </Flex>
        <Table
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={tags}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <TableEmpty error={error} onRetry={load} /> }}
          data-testid="tags-table"
          columns={[
            { title: t('tags.name'), key: 'name', render: (_, tag) => <Tag color={tag.color ?? undefined}>{tag.name}</Tag> },
            { title: t('tags.kind'), dataIndex: 'kind', render: (k: TagKind) => <Tag color={KIND_COLORS[k]}>{t(`tags.kind.${k}`)}</Tag> },
            { title: t('tags.customers'), dataIndex: 'customers', align: 'right', render: (n: number) => formatNumber(n) },
            { title: t('tags.description'), dataIndex: 'description', render: (d: string | null) => d ?? '—' },
            { title: t('tags.refreshed'), dataIndex: 'lastRefreshedAt', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, tag: TagInfo) =>
                      tag.kind === 'manual' ? (
                        <Flex gap={4} wrap>
                          <Button size="small" icon={<UploadOutlined />} onClick={() => setUploadFor(tag)} data-testid="tag-upload">
                            {t('tags.upload')}
                          </Button>
                          <Button size="small" onClick={() => setSegmentFor(tag)}>
                            {t('tags.applySegment')}
                          </Button>
                          <Popconfirm title={t('tags.deleteConfirm')} onConfirm={() => tagsApi.remove(tag.id).then(load).catch(showError)}>
                            <Button size="small" danger type="text" icon={<DeleteOutlined />} />
                          </Popconfirm>
                        </Flex>
                      ) : tag.kind === 'rule' ? (
                        <Popconfirm title={t('tags.deleteConfirm')} onConfirm={() => tagsApi.remove(tag.id).then(load).catch(showError)}>
                          <Button size="small" danger type="text" icon={<DeleteOutlined />} />
                        </Popconfirm>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {creating && (
        <CreateTagDrawer
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            message.success(t('tags.created'));
            load();
          }}
        />
      )}
      {uploadFor && <UploadModal tag={uploadFor} onClose={() => { setUploadFor(null); load(); }} />}
      {segmentFor && <SegmentModal tag={segmentFor} onClose={() => { setSegmentFor(null); load(); }} />}
    </>
  );
}

function CreateTagDrawer({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const showError = useApiError();
  const [form] = Form.useForm<{ name: string; kind: 'manual' | 'rule'; description?: string; color?: string }>();
  const kind = Form.useWatch('kind', form);
  const [condition, setCondition] = useState<GroupCondition>(emptyGroup());
  // the server's problems of the condition, worded in the user's language when shown
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const { catalog, tags, segments } = useBuilderData();
  const problems = catalog ? checkCondition(condition, catalog) : {};
  const serverProblems = conditionProblemTexts(i18n, serverErrors);
  const submit = async () => {
    const v = await form.validateFields();
    if (v.kind === 'rule' && (Object.keys(problems).length > 0 || countRules(condition) === 0)) return;
    try {
      await tagsApi.create({ name: v.name, kind: v.kind, description: v.description ?? null, color: v.color ?? null, condition: v.kind === 'rule' ? condition : null });
      onCreated();
    } catch (e) {
      if (e instanceof ApiError && e.is('validation')) {
        form.setFields(e.fieldErrors.filter((f) => !f.field.startsWith('condition')).map((f) => ({ name: f.field as 'name', errors: [f.message] })));
        setServerErrors(e.fieldErrors.filter((f) => f.field.startsWith('condition')));
      } else showError(e);
    }
  };
  return (
    <Drawer
      open
      width={kind === 'rule' ? 900 : 420}
      title={t('tags.new')}
      onClose={onClose}
      extra={
        <Button type="primary" onClick={() => void submit()} data-testid="tag-save">
          {t('common.create')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'manual', color: '#1677ff' }}>
        <Form.Item name="name" label={t('tags.name')} rules={[{ required: true, whitespace: true, message: t('tags.nameRequired') }, { max: 50 }]}>
          <Input maxLength={50} data-testid="tag-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('tags.kind')}>
          <Radio.Group>
            <Radio value="manual">{t('tags.kind.manual')}</Radio>
            <Radio value="rule">{t('tags.kind.rule')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="color" label={t('tags.color')} getValueFromEvent={(c: { toHexString: () => string }) => c.toHexString()}>
          <ColorPicker />
        </Form.Item>
        <Form.Item name="description" label={t('tags.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      {kind === 'rule' &&
        Object.entries(serverProblems)
          .filter(([k]) => k === 'condition')
          .map(([, m]) => <Alert key={m} type="error" showIcon message={m} style={{ marginBottom: 8 }} data-testid="tag-condition-problem" />)}
      {kind === 'rule' && catalog && (
        <ConditionBuilder value={condition} onChange={setCondition} catalog={catalog} tags={tags} segments={segments} problems={{ ...problems, ...serverProblems }} />
      )}
    </Drawer>
  );
}

function UploadModal({ tag, onClose }: { tag: TagInfo; onClose: () => void }) {
  const { t } = useI18n();
  const showError = useApiError();
  const [result, setResult] = useState<UploadResult | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal open title={t('tags.uploadTitle', { name: tag.name })} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>}>
      <Typography.Paragraph type="secondary">{t('tags.uploadHint')}</Typography.Paragraph>
      <Upload
        accept=".csv,.txt"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          setBusy(true);
          tagsApi
            .upload(tag.id, file)
            .then(setResult)
            .catch(showError)
            .finally(() => setBusy(false));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="tag-upload-file">
          {t('tags.chooseFile')}
        </Button>
      </Upload>
      {result && (
        <div style={{ marginTop: 16 }} data-testid="tag-upload-result">
          <Alert
            type={result.rejectedCount > 0 ? 'warning' : 'success'}
            showIcon
            message={t('tags.uploadResult', { tagged: result.tagged, already: result.alreadyTagged, rejected: result.rejectedCount })}
          />
          {result.rejected.length > 0 && (
            <Table
              size="small"
              style={{ marginTop: 8 }}
              rowKey="line"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={result.rejected}
              columns={[
                { title: t('tags.line'), dataIndex: 'line' },
                { title: t('tags.value'), dataIndex: 'value' },
                { title: t('tags.reason'), dataIndex: 'reason' },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}

function SegmentModal({ tag, onClose }: { tag: TagInfo; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [segment, setSegment] = useState<string | undefined>();
  useEffect(() => {
    segmentsApi
      .list({}, { limit: 500, cursor: null })
      .then((p) => setOptions(p.items.map((s) => ({ value: s.id, label: `${s.name} (${formatNumber(s.memberCount)})` }))))
      .catch(showError);
  }, [showError]);
  return (
    <Modal
      open
      title={t('tags.applySegmentTitle', { name: tag.name })}
      onCancel={onClose}
      okButtonProps={{ disabled: !segment }}
      onOk={() =>
        segment &&
        tagsApi
          .applyToSegment(tag.id, segment)
          .then((r) => {
            message.success(t('tags.applied', { count: r.changed }));
            onClose();
          })
          .catch(showError)
      }
    >
      <Select showSearch optionFilterProp="label" style={{ width: '100%' }} options={options} value={segment} onChange={setSegment} />
    </Modal>
  );
}
