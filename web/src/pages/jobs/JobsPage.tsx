import { useEffect, useMemo, useState } from 'react';
import { AutoComplete, Badge, Button, Card, Col, Flex, Row, Select, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { jobsApi } from '../../api/services';
import { JOB_STATUSES, isJobActive, type Job, type JobFilter, type JobStatus } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { JobProgress } from '../../components/JobProgress';
import { JobStatusTag } from '../../components/JobStatusTag';
import { PageHeader } from '../../components/PageHeader';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useI18n } from '../../i18n/I18nProvider';
import { jobStatusLabel, jobTypeLabel } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { JobActions } from './JobActions';
import { JobsChart } from './JobsChart';

const REFRESH_SECONDS = 2;

export default function JobsPage() {
  const tr = useI18n();
  const { t } = tr;
  const table = useCursorTable<Job, JobFilter>((f, p, signal) => jobsApi.list(f, p, signal), {});
  const [typeInput, setTypeInput] = useState('');
  const [seenTypes, setSeenTypes] = useState<string[]>([]);
  const anyActive = table.items.some(isJobActive);
  const { reload } = table;

  // live progress: refresh quietly while anything is queued or running
  useEffect(() => {
    if (!anyActive) return undefined;
    const timer = setInterval(() => reload({ silent: true }), REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [anyActive, reload]);

  useEffect(() => {
    setSeenTypes((prev) => {
      const next = new Set(prev);
      table.items.forEach((j) => next.add(j.type));
      return next.size === prev.length ? prev : [...next].sort();
    });
  }, [table.items]);

  const typeOptions = useMemo(
    () =>
      seenTypes
        .filter((ty) => !typeInput || ty.toLowerCase().includes(typeInput.toLowerCase()))
        .map((ty) => ({ value: ty, label: `${jobTypeLabel(tr, ty)} (${ty})` })),
    [seenTypes, typeInput, tr],
  );

  const applyType = (v: string) => table.setFilters((f) => ({ ...f, type: v.trim() || undefined }));

  const columns: TableColumnsType<Job> = [
    {
      title: t('jobs.col.type'),
      dataIndex: 'type',
      key: 'type',
      render: (ty: string, job) => (
        <Link to={`/jobs/${encodeURIComponent(job.id)}`} data-testid="job-link">
          {jobTypeLabel(tr, ty)}
        </Link>
      ),
    },
    {
      title: t('jobs.col.description'),
      dataIndex: 'description',
      key: 'description',
      render: (v: string | null) =>
        v ? (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0, maxWidth: 320 }}>
            {v}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    { title: t('jobs.col.status'), dataIndex: 'status', key: 'status', render: (s: JobStatus) => <JobStatusTag status={s} /> },
    { title: t('jobs.col.progress'), key: 'progress', width: 260, render: (_, job) => <JobProgress job={job} compact /> },
    { title: t('jobs.col.createdBy'), dataIndex: 'createdBy', key: 'createdBy', render: (v: string | null) => v ?? '—' },
    { title: t('jobs.col.createdAt'), dataIndex: 'createdAt', key: 'createdAt', className: 'll-nowrap', render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, job) => <JobActions job={job} onChanged={(j) => table.replaceItem((x) => x.id === j.id, j)} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('jobs.title')}
        extra={
          anyActive && (
            <Badge status="processing" text={t('jobs.autoRefresh', { seconds: REFRESH_SECONDS })} style={{ alignSelf: 'center' }} />
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={{ span: 18, order: 1 }} order={2}>
          <Card className="ll-table-card">
            <Flex gap={8} wrap className="ll-filters">
              <Select<JobStatus>
                allowClear
                placeholder={t('jobs.filter.status')}
                style={{ width: 160 }}
                value={table.filters.status}
                onChange={(status?: JobStatus) => table.setFilters((f) => ({ ...f, status }))}
                options={JOB_STATUSES.map((s) => ({ value: s, label: jobStatusLabel(tr, s) }))}
                data-testid="jobs-filter-status"
              />
              <AutoComplete
                allowClear
                placeholder={t('jobs.filter.type')}
                style={{ width: 220 }}
                value={typeInput}
                options={typeOptions}
                onChange={(v: string | undefined) => {
                  setTypeInput(v ?? '');
                  if (!v && table.filters.type) applyType('');
                }}
                onSelect={(v) => applyType(v ?? '')}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') applyType(typeInput);
                }}
                onBlur={() => {
                  if ((typeInput.trim() || undefined) !== table.filters.type) applyType(typeInput);
                }}
                data-testid="jobs-filter-type"
              />
              <Tooltip title={t('common.refresh')}>
                <Button icon={<ReloadOutlined />} onClick={() => table.reload()} aria-label={t('common.refresh')} />
              </Tooltip>
            </Flex>
            <Table<Job>
              rowKey="id"
              columns={columns}
              dataSource={table.items}
              loading={table.loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="jobs-table"
            />
            <CursorPager table={table} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8} xxl={{ span: 6, order: 2 }} order={1}>
          <Card title={t('jobs.chart.title')} size="small">
            <JobsChart jobs={table.items} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
