import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Card, Col, Empty, Flex, Form, Input, Modal, Row, Select, Spin, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { AppstoreAddOutlined, PauseCircleOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  JOURNEY_STATUSES,
  journeysApi,
  playbooksApi,
  type JourneyFilter,
  type JourneyStatus,
  type JourneySummary,
  type Playbook,
} from '../../api/journeys';
import { ApiError } from '../../api/api';
import type { PageRequest } from '../../api/services';
import { useAuth } from '../../auth/AuthContext';
import { CursorTableCard } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { RefreshButton } from '../../components/RefreshButton';
import { useApiError, useFormErrorHandler } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime, formatNumber } from '../../lib/format';
import { emptyDefinition, formatRatePercent, serverProblems } from '../../lib/journeys';
import { JourneyStatusTag } from './JourneyTags';
import { useProblemText } from './problems';
import { DESCRIPTION_MAX, NAME_MAX } from './SettingsPanel';

/** The ready playbooks of the brief; one click installs one as a draft and opens its canvas. */
function PlaybookGallery({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const showError = useApiError();
  const [playbooks, setPlaybooks] = useState<Playbook[] | null>(null);
  const [installing, setInstalling] = useState<string | null>(null);

  useEffect(() => {
    if (!open || playbooks) return undefined;
    const controller = new AbortController();
    playbooksApi
      .list(controller.signal)
      .then((l) => !controller.signal.aborted && setPlaybooks(l))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setPlaybooks([]);
        showError(e);
      });
    return () => controller.abort();
  }, [open, playbooks, showError]);

  const install = async (key: string) => {
    setInstalling(key);
    try {
      const j = await playbooksApi.install(key, lang);
      navigate(`/journeys/${encodeURIComponent(j.id)}`);
    } catch (e) {
      showError(e);
    } finally {
      setInstalling(null);
    }
  };
  const text = (m: Record<string, string>) => m[lang] ?? m.en ?? m['zh-CN'] ?? Object.values(m)[0] ?? '';

  return (
    <Modal open={open} onCancel={onClose} footer={null} width={960} title={t('journey.playbooks.title')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('journey.playbooks.subtitle')}</Typography.Paragraph>
      {playbooks === null ? (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      ) : playbooks.length === 0 ? (
        <Empty description={t('journey.playbooks.none')} />
      ) : (
        <Row gutter={[16, 16]} data-testid="playbook-gallery">
          {playbooks.map((p) => (
            <Col key={p.key} xs={24} md={12} xl={8}>
              <Card
                size="small"
                style={{ height: '100%' }}
                title={text(p.name)}
                data-testid="playbook-card"
                data-key={p.key}
                actions={[
                  <Button
                    key="install"
                    type="link"
                    loading={installing === p.key}
                    disabled={!!installing && installing !== p.key}
                    onClick={() => void install(p.key)}
                    data-testid="playbook-install"
                  >
                    {t('journey.playbooks.install')}
                  </Button>,
                ]}
              >
                <Tag style={{ marginBottom: 8 }}>{t(`journey.entry.${p.entryKind}`)}</Tag>
                <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
                  {text(p.description)}
                </Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Modal>
  );
}

/** A name and a description; the journey starts as entry → exit, triggered by the API. */
function NewJourneyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const onError = useFormErrorHandler();
  const problemText = useProblemText();
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const j = await journeysApi.create({ name: v.name.trim(), description: v.description?.trim() || null, definition: emptyDefinition() });
      navigate(`/journeys/${encodeURIComponent(j.id)}`);
    } catch (e) {
      const onForm = (field: string) => field === 'name' || field === 'description';
      if (e instanceof ApiError && e.is('validation') && e.fieldErrors.length > 0 && e.fieldErrors.every((f) => onForm(f.field))) {
        // the server's word on the name or description, in the user's language
        const byField = new Map<string, string[]>();
        for (const p of serverProblems(e.fieldErrors)) byField.set(p.field, [...(byField.get(p.field) ?? []), problemText(p)]);
        form.setFields([...byField].map(([name, errors]) => ({ name: name as 'name' | 'description', errors })));
      } else onError(form, e, ['name', 'description']);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('journey.new')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'journey-new-submit' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="name"
          label={t('journey.field.name')}
          rules={[
            { required: true, whitespace: true, message: t('journey.v.required') },
            { max: NAME_MAX, message: t('journey.v.maxLength', { max: NAME_MAX }) },
          ]}
        >
          <Input maxLength={NAME_MAX} autoFocus data-testid="journey-new-name" />
        </Form.Item>
        <Form.Item name="description" label={t('journey.field.description')}>
          <Input.TextArea rows={3} maxLength={DESCRIPTION_MAX} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Journeys: search, status, counts and conversion, with new, playbook install, pause and resume. */
export default function JourneysPage() {
  const tr = useI18n();
  const { t, lang } = tr;
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('journey.manage');
  const showError = useApiError();
  const [gallery, setGallery] = useState(false);
  const [creating, setCreating] = useState(false);
  const fetchPage = useCallback((f: JourneyFilter, p: PageRequest, signal: AbortSignal) => journeysApi.list(f, p, signal), []);
  const table = useCursorTable<JourneySummary, JourneyFilter>(fetchPage, {});

  const transition = async (j: JourneySummary, fn: (id: string) => Promise<JourneySummary>, done: string) => {
    try {
      const updated = await fn(j.id);
      table.replaceItem((x) => x.id === j.id, { ...j, ...updated });
      message.success(done);
    } catch (e) {
      showError(e);
    }
  };

  const n = (v: number) => formatNumber(v, lang);
  const columns: TableColumnsType<JourneySummary> = [
    {
      title: t('journey.field.name'),
      key: 'name',
      render: (_, j) => (
        <>
          <Link to={`/journeys/${encodeURIComponent(j.id)}`} data-testid="journey-link">
            {j.name}
          </Link>
          {j.description && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>
              {j.description}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t('journey.col.status'), dataIndex: 'status', render: (s: JourneyStatus) => <JourneyStatusTag status={s} /> },
    { title: t('journey.col.entry'), dataIndex: 'entryKind', render: (k: string) => tr.tOr(`journey.entry.${k}`, k) },
    {
      title: t('journey.col.version'),
      key: 'version',
      render: (_, j) => (
        <Flex gap={4} align="center">
          {j.currentVersion != null ? `v${j.currentVersion}` : '—'}
          {j.hasDraftChanges && j.currentVersion != null && (
            <Tooltip title={t('journey.draftChanges')}>
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t('journey.col.draft')}
              </Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    { title: t('journey.col.enrolled'), dataIndex: 'enrolled', align: 'right', render: (v: number) => <span data-testid="journey-row-enrolled">{n(v)}</span> },
    { title: t('journey.col.active'), dataIndex: 'active', align: 'right', render: (v: number) => <span data-testid="journey-row-active">{n(v)}</span> },
    { title: t('journey.col.converted'), dataIndex: 'converted', align: 'right', render: (v: number) => <span data-testid="journey-row-converted">{n(v)}</span> },
    {
      title: t('journey.results.conversionRate'),
      key: 'rate',
      align: 'right',
      render: (_, j) => formatRatePercent(j.enrolled > 0 ? j.converted / j.enrolled : null, lang),
    },
    { title: t('journey.col.updatedAt'), dataIndex: 'updatedAt', className: 'll-nowrap', render: formatDateTime },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, j) => (
        <Flex gap={4}>
          {j.status === 'active' && (
            <Button size="small" icon={<PauseCircleOutlined />} onClick={() => void transition(j, journeysApi.pause, t('journey.paused'))} data-testid="journey-row-pause">
              {t('journey.pause')}
            </Button>
          )}
          {j.status === 'paused' && (
            <Button size="small" icon={<PlayCircleOutlined />} onClick={() => void transition(j, journeysApi.resume, t('journey.resumed'))} data-testid="journey-row-resume">
              {t('journey.resume')}
            </Button>
          )}
          <Link to={`/journeys/${encodeURIComponent(j.id)}`}>
            <Button size="small" type="link">
              {t('journey.open')}
            </Button>
          </Link>
        </Flex>
      ),
    });
  }

  const filtered = !!table.filters.q || !!table.filters.status;
  return (
    <>
      <PageHeader
        title={t('journey.list.title')}
        subtitle={t('journey.list.subtitle')}
        extra={
          <>
            <RefreshButton onClick={() => table.reload()} />
            {manage && (
              <>
                <Button icon={<AppstoreAddOutlined />} onClick={() => setGallery(true)} data-testid="journeys-playbooks">
                  {t('journey.playbooks.button')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="journeys-new">
                  {t('journey.new')}
                </Button>
              </>
            )}
          </>
        }
      />
      <CursorTableCard
        table={table}
        columns={columns}
        rowKey="id"
        testId="journeys-table"
        rowClassName={(j) => (j.status === 'stopped' ? 'll-row-muted' : '')}
        emptyText={filtered ? t('journey.list.noMatch') : t(manage ? 'journey.list.emptyManage' : 'journey.list.empty')}
        filters={
          <>
            <Input.Search
              allowClear
              placeholder={t('journey.list.search')}
              style={{ width: 260 }}
              onSearch={(q) => table.setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
              data-testid="journeys-search"
            />
            <Select
              allowClear
              placeholder={t('journey.col.status')}
              style={{ width: 160 }}
              value={table.filters.status}
              options={JOURNEY_STATUSES.map((s) => ({ value: s, label: t(`journey.status.${s}`) }))}
              onChange={(status?: JourneyStatus) => table.setFilters((f) => ({ ...f, status }))}
              data-testid="journeys-filter-status"
            />
          </>
        }
      />
      <PlaybookGallery open={gallery} onClose={() => setGallery(false)} />
      <NewJourneyModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
