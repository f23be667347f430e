import { useEffect, useState } from 'react';
import { Alert, App, Button, Modal, Popconfirm, Space } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { metricsApi } from '../../api/metrics';
import { useAuth } from '../../auth/AuthContext';
import { JobProgress } from '../../components/JobProgress';
import { JobStatusTag } from '../../components/JobStatusTag';
import { useApiError } from '../../hooks/useApiError';
import { useJobPolling } from '../../hooks/useJobPolling';
import { useI18n } from '../../i18n/I18nProvider';

/** Starts the metrics rebuild job (managers) and follows it with a progress bar; `onDone` after it succeeded. */
export function RebuildMetricsButton({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const showError = useApiError();
  const [starting, setStarting] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job } = useJobPolling(can('job.read') ? jobId : null, 1000);

  useEffect(() => {
    if (job?.status === 'SUCCEEDED') onDone();
  }, [job?.status, onDone]);

  const start = async () => {
    setStarting(true);
    try {
      const started = await metricsApi.recompute();
      message.success(t('metrics.rebuild.started'));
      setJobId(started.jobId);
    } catch (err) {
      showError(err);
    } finally {
      setStarting(false);
    }
  };

  return (
    <>
      <Popconfirm title={t('metrics.rebuild.confirm')} description={t('metrics.rebuild.help')} onConfirm={() => void start()}>
        <Button icon={<SyncOutlined />} loading={starting} data-testid="metrics-rebuild">
          {t('metrics.rebuild.button')}
        </Button>
      </Popconfirm>
      <Modal
        open={jobId !== null}
        title={t('metrics.rebuild.title')}
        onCancel={() => setJobId(null)}
        footer={<Button onClick={() => setJobId(null)}>{t('common.close')}</Button>}
      >
        <div data-testid="metrics-rebuild-progress">
          {!can('job.read') ? (
            <Alert type="info" showIcon message={t('metrics.rebuild.noJobAccess')} />
          ) : job ? (
            <Space direction="vertical" style={{ width: '100%' }} size="middle">
              <JobStatusTag status={job.status} />
              <JobProgress job={job} />
              {job.status === 'SUCCEEDED' && <Alert type="success" showIcon message={t('metrics.rebuild.done')} />}
              {job.status === 'FAILED' && (
                <Alert type="error" showIcon message={t('metrics.rebuild.failed', { error: job.error ?? '' })} />
              )}
              {job.status === 'CANCELLED' && <Alert type="warning" showIcon message={t('metrics.rebuild.cancelled')} />}
            </Space>
          ) : (
            <span>{t('common.loading')}</span>
          )}
        </div>
      </Modal>
    </>
  );
}
