import { App, Button, Popconfirm, Space } from 'antd';
import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { jobResultUrl } from '../../api/api';
import { jobsApi } from '../../api/services';
import { isJobActive, type Job } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';

/** Cancel (for queued/running jobs, with `job.manage`) and download (when the job has a result). */
export function JobActions({ job, onChanged }: { job: Job; onChanged: (job: Job) => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();

  const cancel = async () => {
    try {
      onChanged(await jobsApi.cancel(job.id));
      message.success(t('jobs.cancelledMsg'));
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Space size={0} wrap>
      {isJobActive(job) && can('job.manage') && (
        <Popconfirm
          title={t('jobs.confirmCancel')}
          onConfirm={cancel}
          okText={t('common.yes')}
          cancelText={t('common.no')}
          okButtonProps={{ danger: true }}
        >
          <Button type="link" size="small" danger icon={<StopOutlined />} disabled={job.cancelRequested} data-testid="job-cancel">
            {job.cancelRequested ? t('jobs.cancelRequested') : t('jobs.cancel')}
          </Button>
        </Popconfirm>
      )}
      {job.hasResult && (
        <Button type="link" size="small" icon={<DownloadOutlined />} href={jobResultUrl(job.id)} download data-testid="job-download">
          {t('common.download')}
        </Button>
      )}
    </Space>
  );
}
