import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Form, Input, Radio, Row, Spin, Statistic, Table, Typography } from 'antd';
import { ApiError, type FieldError } from '../../api/api';
import { segmentsApi, tagsApi, type ConditionCatalog, type GroupCondition, type SegmentPreview, type SegmentKind } from '../../api/segments';
import { CustomerLink } from '../../components/CustomerLink';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { checkCondition, countRules, emptyGroup } from '../../lib/conditions';
import { formatNumber } from '../../lib/format';
import { conditionProblemTexts } from '../../lib/problems';
import { ConditionBuilder, type RefOption } from './ConditionBuilder';

const PREVIEW_DELAY_MS = 400;

/** Loads what the builder needs: the field catalog, tags and segments to refer to. */
export function useBuilderData(exceptSegment?: string) {
  const showError = useApiError();
  const [catalog, setCatalog] = useState<ConditionCatalog | null>(null);
  const [tags, setTags] = useState<RefOption[]>([]);
  const [segments, setSegments] = useState<RefOption[]>([]);
  useEffect(() => {
    segmentsApi.fields().then(setCatalog).catch(showError);
    tagsApi
      .list()
      .then((list) => setTags(list.map((t) => ({ value: t.id, label: t.name }))))
      .catch(showError);
    segmentsApi
      .list({}, { limit: 500, cursor: null })
      .then((p) => setSegments(p.items.filter((s) => s.id !== exceptSegment).map((s) => ({ value: s.id, label: s.name }))))
      .catch(showError);
  }, [showError, exceptSegment]);
  return { catalog, tags, segments };
}

/** The visual segment builder: name, kind, condition, and a live count with 20 sample customers. */
export default function SegmentEditPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const i18n = useI18n();
  const { t, tOr } = i18n;
  const showError = useApiError();
  const [form] = Form.useForm<{ name: string; description?: string; kind: SegmentKind }>();
  const [condition, setCondition] = useState<GroupCondition>(emptyGroup());
  const [loaded, setLoaded] = useState(!id);
  const [preview, setPreview] = useState<SegmentPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  // the server's problems of the condition, worded in the user's language when shown: the live preview's, and those
  // of saving (kept until the condition is edited, not cleared by a preview that answers after them)
  const [previewErrors, setPreviewErrors] = useState<FieldError[]>([]);
  const [saveErrors, setSaveErrors] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  const { catalog, tags, segments } = useBuilderData(id);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!id) return;
    segmentsApi
      .get(id)
      .then((s) => {
        form.setFieldsValue({ name: s.name, description: s.description ?? undefined, kind: s.kind });
        const c = s.condition;
        setCondition(c.type === 'and' || c.type === 'or' || c.type === 'not' ? c : { type: 'and', children: [c] });
        setLoaded(true);
      })
      .catch(showError);
  }, [id, form, showError]);

  const problems = useMemo(() => (catalog ? checkCondition(condition, catalog) : {}), [condition, catalog]);
  const valid = Object.keys(problems).length === 0 && countRules(condition) > 0;

  useEffect(() => {
    if (!catalog || !valid) {
      setPreview(null);
      return undefined;
    }
    const timer = setTimeout(() => {
      abortRef.current?.abort();
      const controller = new AbortController();
      abortRef.current = controller;
      setPreviewing(true);
      segmentsApi
        .preview(condition, controller.signal)
        .then((p) => {
          setPreview(p);
          setPreviewErrors([]);
        })
        .catch((e: unknown) => {
          if (e instanceof ApiError && e.is('validation')) {
            setPreviewErrors(e.fieldErrors);
            setPreview(null);
          } else showError(e);
        })
        .finally(() => {
          if (!controller.signal.aborted) setPreviewing(false);
        });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [condition, catalog, valid, showError]);

  const editCondition = (c: GroupCondition) => {
    setCondition(c);
    setSaveErrors([]);
  };

  const save = async () => {
    const values = await form.validateFields();
    if (!valid) return;
    setSaving(true);
    try {
      const body = { name: values.name, description: values.description ?? null, kind: values.kind, condition };
      const saved = id ? await segmentsApi.update(id, body) : await segmentsApi.create(body);
      navigate(`/segments/${saved.id}${saved.refreshJobId ? `?job=${saved.refreshJobId}` : ''}`);
    } catch (e) {
      if (e instanceof ApiError && e.is('validation')) {
        const fields = e.fieldErrors.filter((f) => f.field === 'name' || f.field === 'description' || f.field === 'kind');
        form.setFields(fields.map((f) => ({ name: f.field as 'name', errors: [f.message] })));
        setSaveErrors(e.fieldErrors.filter((f) => f.field.startsWith('condition')));
      } else showError(e);
    } finally {
      setSaving(false);
    }
  };

  if (!loaded || !catalog) return <Spin />;
  const serverProblems = conditionProblemTexts(i18n, [...previewErrors, ...saveErrors]);
  const allProblems = { ...problems, ...serverProblems };
  const conditionErrors = Object.entries(serverProblems).filter(([k]) => k === 'condition');

  return (
    <>
      <PageHeader
        title={id ? t('segment.edit.title') : t('segment.new.title')}
        subtitle={t('segment.edit.subtitle')}
        extra={
          <>
            <Button onClick={() => navigate(id ? `/segments/${id}` : '/segments')}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} disabled={!valid} onClick={() => void save()} data-testid="segment-save">
              {t('common.save')}
            </Button>
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card style={{ marginBottom: 16 }}>
            <Form form={form} layout="vertical" initialValues={{ kind: 'dynamic' }}>
              <Form.Item name="name" label={t('segment.field.name')} rules={[{ required: true, whitespace: true, message: t('segment.nameRequired') }, { max: 100 }]}>
                <Input data-testid="segment-name" maxLength={100} />
              </Form.Item>
              <Form.Item name="kind" label={t('segment.kind')}>
                <Radio.Group disabled={!!id}>
                  <Radio value="dynamic">{t('segment.kind.dynamic')}</Radio>
                  <Radio value="static">{t('segment.kind.static')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="description" label={t('segment.description')}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </Form>
          </Card>
          {conditionErrors.map(([, m]) => (
            <Alert key={m} type="error" showIcon message={m} style={{ marginBottom: 8 }} data-testid="segment-condition-problem" />
          ))}
          <ConditionBuilder value={condition} onChange={editCondition} catalog={catalog} tags={tags} segments={segments} problems={allProblems} />
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('segment.preview.title')} extra={previewing ? <Spin size="small" /> : null}>
            {countRules(condition) === 0 ? (
              <Typography.Text type="secondary">{t('segment.preview.addRule')}</Typography.Text>
            ) : !valid ? (
              <Typography.Text type="warning">{t('segment.preview.fix')}</Typography.Text>
            ) : (
              <>
                <Statistic
                  title={t('segment.preview.count')}
                  value={preview ? formatNumber(preview.count) : '…'}
                  valueRender={(node) => <span data-testid="preview-count">{node}</span>}
                />
                {preview && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('segment.preview.took', { ms: preview.tookMs })}
                  </Typography.Text>
                )}
                <Table
                  size="small"
                  style={{ marginTop: 12 }}
                  rowKey="id"
                  pagination={false}
                  dataSource={preview?.sample ?? []}
                  data-testid="preview-sample"
                  columns={[
                    { title: t('segment.col.customer'), key: 'name', render: (_, c) => <CustomerLink id={c.id} name={c.displayName} /> },
                    { title: t('segment.col.region'), key: 'region', render: (_, c) => [c.province, c.city].filter(Boolean).join(' ') || '—' },
                    { title: t('segment.col.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
                    { title: t('segment.col.stage'), dataIndex: 'lifecycleStage', render: (s: string) => tOr(`segment.option.${s}`, s) },
                  ]}
                />
              </>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
