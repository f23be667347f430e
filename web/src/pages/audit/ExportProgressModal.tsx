import { Alert, Button, Modal, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { jobResultUrl } from '../../api/api';
import { JobProgress } from '../../components/JobProgress';
import { JobStatusTag } from '../../components/JobStatusTag';
import { useJobPolling } from '../../hooks/useJobPolling';
import { useI18n } from '../../i18n/I18nProvider';

/** Follows an export job every second and offers its result when it has succeeded. */
export function ExportProgressModal({ jobId, onClose }: { jobId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const { job } = useJobPolling(jobId, 1000);

  return (
    <Modal
      open={jobId !== null}
      title={t('audit.export.title')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      <div data-testid="export-progress">
        {job ? (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <JobStatusTag status={job.status} />
            <JobProgress job={job} />
            {job.status === 'SUCCEEDED' && (
              <Alert
                type="success"
                showIcon
                message={t('audit.export.ready')}
                action={
                  job.hasResult && (
                    <Button type="primary" icon={<DownloadOutlined />} href={jobResultUrl(job.id)} download data-testid="export-download">
                      {t('common.download')}
                    </Button>
                  )
                }
              />
            )}
            {job.status === 'FAILED' && (
              <Alert type="error" showIcon message={t('audit.export.failed', { error: job.error ?? '' })} />
            )}
            {job.status === 'CANCELLED' && <Alert type="warning" showIcon message={t('audit.export.cancelled')} />}
          </Space>
        ) : (
          <JobProgressPlaceholder />
        )}
      </div>
    </Modal>
  );
}

function JobProgressPlaceholder() {
  const { t } = useI18n();
  return <span>{t('common.loading')}</span>;
}
