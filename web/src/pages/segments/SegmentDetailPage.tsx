import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Modal, Popconfirm, Space, Spin, Table, Tabs, Tag } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { jobResultUrl } from '../../api/api';
import { segmentsApi, type GroupCondition, type Segment, type SegmentChange, type SegmentMember, type SizePoint } from '../../api/segments';
import { useAuth } from '../../auth/AuthContext';
import { CursorPager } from '../../components/CursorPager';
import { CustomerLink } from '../../components/CustomerLink';
import { JobProgress } from '../../components/JobProgress';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useJobPolling } from '../../hooks/useJobPolling';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime, formatNumber } from '../../lib/format';
import { ConditionBuilder } from './ConditionBuilder';
import { useBuilderData } from './SegmentEditPage';
import { SizeChart } from './SizeChart';

/** Progress of a refresh or export job; calls back once when it has ended. */
function JobBar({ jobId, onDone, download }: { jobId: string; onDone: () => void; download?: boolean }) {
  const { t } = useI18n();
  const { job } = useJobPolling(jobId, 700);
  const [notified, setNotified] = useState(false);
  useEffect(() => {
    if (job && (job.status === 'SUCCEEDED' || job.status === 'FAILED' || job.status === 'CANCELLED') && !notified) {
      setNotified(true);
      onDone();
    }
  }, [job, notified, onDone]);
  if (!job) return <Spin size="small" />;
  return (
    <div data-testid="segment-job">
      <JobProgress job={job} />
      {download && job.status === 'SUCCEEDED' && (
        <Button type="link" icon={<DownloadOutlined />} href={jobResultUrl(job.id)} data-testid="segment-export-download">
          {t('common.download')}
        </Button>
      )}
    </div>
  );
}

export default function SegmentDetailPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const { t, tOr } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [segment, setSegment] = useState<Segment | null>(null);
  const [sizes, setSizes] = useState<SizePoint[]>([]);
  const [refreshJob, setRefreshJob] = useState<string | null>(search.get('job'));
  const [exportJob, setExportJob] = useState<string | null>(null);
  const { catalog, tags, segments } = useBuilderData(id);

  const load = useCallback(() => {
    segmentsApi.get(id).then(setSegment).catch(showError);
    segmentsApi.sizes(id).then(setSizes).catch(showError);
  }, [id, showError]);
  useEffect(load, [load]);

  const fetchMembers = useCallback(
    (_: object, p: { limit: number; cursor: string | null }, signal: AbortSignal) => segmentsApi.members(id, p, signal),
    [id],
  );
  const fetchChanges = useCallback(
    (_: object, p: { limit: number; cursor: string | null }, signal: AbortSignal) => segmentsApi.changes(id, p, signal),
    [id],
  );
  const members = useCursorTable<SegmentMember, object>(fetchMembers, {});
  const changes = useCursorTable<SegmentChange, object>(fetchChanges, {});
  const afterJob = useCallback(() => {
    load();
    members.reload({ silent: true });
    changes.reload({ silent: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load]);

  if (!segment) return <Spin />;
  const condition: GroupCondition =
    segment.condition.type === 'and' || segment.condition.type === 'or' || segment.condition.type === 'not'
      ? segment.condition
      : { type: 'and', children: [segment.condition] };

  return (
    <>
      <PageHeader
        title={
          <Space>
            {segment.name}
            <Tag color={segment.kind === 'dynamic' ? 'blue' : 'default'}>{t(segment.kind === 'dynamic' ? 'segment.kind.dynamic' : 'segment.kind.static')}</Tag>
          </Space>
        }
        subtitle={segment.description ?? undefined}
        extra={
          <>
            {can('segment.manage') && (
              <Button icon={<ReloadOutlined />} onClick={() => segmentsApi.refresh(id).then((r) => setRefreshJob(r.jobId)).catch(showError)} data-testid="segment-refresh">
                {t('segment.refresh')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} onClick={() => segmentsApi.exportCsv(id).then((r) => setExportJob(r.jobId)).catch(showError)} data-testid="segment-export">
              {t('segment.export')}
            </Button>
            {can('segment.manage') && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/segments/${id}/edit`)} data-testid="segment-edit">
                {t('common.edit')}
              </Button>
            )}
            {can('segment.manage') && (
              <Popconfirm
                title={t('segment.deleteConfirm')}
                onConfirm={() =>
                  segmentsApi
                    .remove(id)
                    .then(() => {
                      message.success(t('segment.deleted'));
                      navigate('/segments');
                    })
                    .catch(showError)
                }
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('segment.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      {refreshJob && (
        <Card size="small" title={t('segment.refreshing')} style={{ marginBottom: 16 }}>
          <JobBar jobId={refreshJob} onDone={afterJob} />
        </Card>
      )}
      <Modal open={!!exportJob} title={t('segment.export')} footer={null} onCancel={() => setExportJob(null)}>
        {exportJob && <JobBar jobId={exportJob} onDone={() => undefined} download />}
      </Modal>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('segment.members')}>
            <span data-testid="segment-member-count">{formatNumber(segment.memberCount)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('segment.lastRefreshed')}>
            {segment.lastRefreshedAt ? formatDateTime(segment.lastRefreshedAt) : t('common.never')}
          </Descriptions.Item>
          <Descriptions.Item label={t('segment.updatedBy')}>
            {segment.updatedBy ?? '—'} · {formatDateTime(segment.updatedAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'members',
              label: t('segment.tab.members'),
              children: (
                <>
                  <Table
                    rowKey="customerId"
                    size="small"
                    loading={members.loading}
                    dataSource={members.items}
                    pagination={false}
                    data-testid="segment-members"
                    columns={[
                      { title: t('segment.col.customer'), key: 'c', render: (_, m) => <CustomerLink id={m.customerId} name={m.displayName} /> },
                      { title: t('segment.col.region'), key: 'r', render: (_, m) => [m.province, m.city].filter(Boolean).join(' ') || '—' },
                      { title: t('segment.col.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
                      { title: t('segment.col.stage'), dataIndex: 'lifecycleStage', render: (s: string) => tOr(`segment.option.${s}`, s) },
                      { title: t('segment.col.netSpent'), dataIndex: 'netSpent', align: 'right' },
                      { title: t('segment.col.enteredAt'), dataIndex: 'enteredAt', render: formatDateTime },
                    ]}
                  />
                  <CursorPager table={members} />
                </>
              ),
            },
            { key: 'history', label: t('segment.tab.history'), children: <SizeChart points={sizes} /> },
            {
              key: 'changes',
              label: t('segment.tab.changes'),
              children: (
                <>
                  <Table
                    rowKey="seq"
                    size="small"
                    loading={changes.loading}
                    dataSource={changes.items}
                    pagination={false}
                    data-testid="segment-changes"
                    columns={[
                      { title: t('segment.col.at'), dataIndex: 'at', render: formatDateTime },
                      { title: t('segment.col.customer'), key: 'c', render: (_, c) => <CustomerLink id={c.customerId} name={c.displayName} /> },
                      {
                        title: t('segment.col.change'),
                        dataIndex: 'change',
                        render: (c: string) => <Tag color={c === 'entered' ? 'green' : 'orange'}>{t(c === 'entered' ? 'segment.change.entered' : 'segment.change.exited')}</Tag>,
                      },
                    ]}
                  />
                  <CursorPager table={changes} />
                </>
              ),
            },
            {
              key: 'condition',
              label: t('segment.tab.condition'),
              children: catalog ? (
                <ConditionBuilder value={condition} onChange={() => undefined} catalog={catalog} tags={tags} segments={segments} problems={{}} readOnly />
              ) : (
                <Spin />
              ),
            },
          ]}
        />
      </Card>
      <Link to="/segments">{t('common.back')}</Link>
    </>
  );
}
