import { Button, Card, Descriptions, Flex, Result, Space, Spin, Tooltip } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { isImportActive, isImportFinished, type ImportView, type Job } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ImportStatusTag } from '../../components/ImportStatusTag';
import { PageHeader } from '../../components/PageHeader';
import { ShopLabel } from '../../components/ShopLabel';
import { useImportPolling } from '../../hooks/useImportPolling';
import { useImportProfiles } from '../../hooks/useImportProfiles';
import { useJobPolling } from '../../hooks/useJobPolling';
import { useI18n } from '../../i18n/I18nProvider';
import { importProfileLabel } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { formatBytes } from '../../lib/imports';
import { ImportReport } from './ImportReport';
import { ImportSteps } from './ImportSteps';
import { ProgressStep } from './ProgressStep';
import { ReviewStep } from './ReviewStep';

/** The facts of an import that do not change: shop, profile, file, who and when. */
function ImportFacts({ view }: { view: ImportView }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const { byId } = useImportProfiles();
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3, xxl: 4 }} data-testid="imports-facts">
      <Descriptions.Item label={t('imports.col.shop')}>
        <ShopLabel shopId={view.shopId} />
      </Descriptions.Item>
      <Descriptions.Item label={t('imports.col.profile')}>
        {view.profile ? importProfileLabel(tr, view.profile, byId.get(view.profile)?.name) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('imports.review.format')}>{view.format ? <code>{view.format}</code> : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('imports.review.fileSize')}>{formatBytes(view.fileSize, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('imports.col.createdBy')}>{view.createdBy ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('imports.col.createdAt')}>{formatDateTime(view.createdAt)}</Descriptions.Item>
      {view.startedAt && <Descriptions.Item label={t('jobs.col.startedAt')}>{formatDateTime(view.startedAt)}</Descriptions.Item>}
      {view.finishedAt && <Descriptions.Item label={t('jobs.col.finishedAt')}>{formatDateTime(view.finishedAt)}</Descriptions.Item>}
    </Descriptions>
  );
}

/** One import: its review (while uploaded), live progress (queued/running) or report (finished). */
export default function ImportPage() {
  const { t } = useI18n();
  const { id } = useParams<{ id: string }>();
  const { can } = useAuth();
  const { view, error, notFound, refresh, setView } = useImportPolling(id, 1000);
  const followJob = can('job.read') && !!view && isImportActive(view);
  const { job, setJob } = useJobPolling(followJob ? view.jobId : null, 1000);

  const back = (
    <Link to="/imports" data-testid="imports-back">
      <ArrowLeftOutlined /> {t('imports.back')}
    </Link>
  );

  if (notFound) {
    return (
      <div data-testid="imports-not-found">
        <Result status="404" title="404" subTitle={t('imports.notFound')} extra={back} />
      </div>
    );
  }

  if (!view) {
    return error ? (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        extra={
          <Space>
            {back}
            <Button type="primary" icon={<ReloadOutlined />} onClick={refresh}>
              {t('common.retry')}
            </Button>
          </Space>
        }
      />
    ) : (
      <>
        <div style={{ marginBottom: 8 }}>{back}</div>
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      </>
    );
  }

  const onStarted = (v: ImportView) => {
    setView(v);
    refresh();
  };

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="imports-file-name">{view.fileName}</span>
            <ImportStatusTag status={view.status} />
          </Space>
        }
        extra={
          <>
            {isImportFinished(view) && can('order.write') && (
              <Link to="/imports">
                <Button icon={<CloudUploadOutlined />} data-testid="imports-new">
                  {t('imports.new')}
                </Button>
              </Link>
            )}
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />
            </Tooltip>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <ImportSteps status={view.status} />
        <ImportFacts view={view} />
      </Card>
      {view.status === 'UPLOADED' && <ReviewStep key={view.id} view={view} onStarted={onStarted} onStale={refresh} />}
      {isImportActive(view) && (
        <ProgressStep view={view} job={job && job.id === view.jobId ? job : null} onJobChanged={(j: Job) => setJob(j)} />
      )}
      {isImportFinished(view) && <ImportReport view={view} />}
    </>
  );
}
