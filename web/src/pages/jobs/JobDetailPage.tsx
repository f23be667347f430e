import { Alert, Card, Descriptions, Flex, Result, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { JobProgress } from '../../components/JobProgress';
import { JobStatusTag } from '../../components/JobStatusTag';
import { PageHeader } from '../../components/PageHeader';
import { useJobPolling } from '../../hooks/useJobPolling';
import { useI18n } from '../../i18n/I18nProvider';
import { jobTypeLabel } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { JobActions } from './JobActions';

/** One job with live progress (refreshed every second while it is queued or running). */
export default function JobDetailPage() {
  const tr = useI18n();
  const { t } = tr;
  const { id } = useParams<{ id: string }>();
  const { job, notFound, setJob } = useJobPolling(id, 1000);

  const back = (
    <Link to="/jobs">
      <ArrowLeftOutlined /> {t('jobs.detail.back')}
    </Link>
  );

  if (notFound) return <Result status="404" title="404" subTitle={t('result.404')} extra={back} />;

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={
          <Space>
            {t('jobs.detail.title')}
            {job && <span>{jobTypeLabel(tr, job.type)}</span>}
            {job && <JobStatusTag status={job.status} />}
          </Space>
        }
        extra={job && <JobActions job={job} onChanged={setJob} />}
      />
      {!job ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : (
        <Card>
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            {job.description && <Typography.Paragraph style={{ margin: 0 }}>{job.description}</Typography.Paragraph>}
            <JobProgress job={job} />
            {job.error && (
              <Alert
                type="error"
                showIcon
                message={t('jobs.col.error')}
                description={<pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{job.error}</pre>}
                data-testid="job-error"
              />
            )}
            <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }}>
              <Descriptions.Item label={t('jobs.col.id')}>
                <Typography.Text copyable>{job.id}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('jobs.col.type')}>
                {jobTypeLabel(tr, job.type)} <Typography.Text type="secondary" code>{job.type}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('jobs.col.createdBy')}>{job.createdBy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('jobs.col.createdAt')}>{formatDateTime(job.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('jobs.col.startedAt')}>{formatDateTime(job.startedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('jobs.col.finishedAt')}>{formatDateTime(job.finishedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('jobs.col.attempts')}>{job.attempts}</Descriptions.Item>
            </Descriptions>
          </Space>
        </Card>
      )}
    </>
  );
}
