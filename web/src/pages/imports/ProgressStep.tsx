import { App, Button, Card, Flex, Popconfirm, Progress, Space, Statistic, Typography, theme } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { jobsApi } from '../../api/services';
import { isJobActive, type ImportView, type Job } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { JobProgress } from '../../components/JobProgress';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';

/**
 * Step 3: the import's job, live (percent, rate, ETA), and a cancel button for the job's creator or a holder
 * of `job.manage`. Without `job.read` the job cannot be followed: an indeterminate bar stands in.
 */
export function ProgressStep({ view, job, onJobChanged }: { view: ImportView; job: Job | null; onJobChanged: (job: Job) => void }) {
  const { t, lang } = useI18n();
  const { token } = theme.useToken();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const canFollow = can('job.read');
  const canCancel = canFollow && !!view.jobId && (can('job.manage') || (!!me && me.username === view.createdBy));

  const cancel = async () => {
    if (!view.jobId) return;
    try {
      onJobChanged(await jobsApi.cancel(view.jobId));
      message.success(t('jobs.cancelledMsg'));
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Card data-testid="imports-progress">
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {view.status === 'QUEUED' ? t('imports.progress.queued') : t('imports.progress.running')}
          </Typography.Title>
          {canCancel && (
            <Popconfirm
              title={t('imports.progress.confirmCancel')}
              description={<div style={{ maxWidth: 320 }}>{t('imports.progress.confirmCancelHelp')}</div>}
              onConfirm={cancel}
              okText={t('common.yes')}
              cancelText={t('common.no')}
              okButtonProps={{ danger: true }}
            >
              <Button
                danger
                icon={<StopOutlined />}
                disabled={!!job?.cancelRequested || (job !== null && !isJobActive(job))}
                data-testid="imports-cancel"
              >
                {job?.cancelRequested ? t('jobs.cancelRequested') : t('imports.progress.cancel')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
        {job ? (
          <JobProgress job={job} />
        ) : (
          <div>
            <Progress percent={100} status="active" showInfo={false} strokeColor={token.colorPrimaryBorder} />
            {!canFollow && <Typography.Text type="secondary">{t('imports.progress.noJobAccess')}</Typography.Text>}
          </div>
        )}
        {view.linesRead > 0 && (
          <Space size="large" wrap>
            <Statistic title={t('imports.stat.linesRead')} value={formatNumber(view.linesRead, lang)} />
            <Statistic title={t('imports.stat.linesRejected')} value={formatNumber(view.linesRejected, lang)} />
          </Space>
        )}
        <Typography.Text type="secondary">{t('imports.progress.leaveHint')}</Typography.Text>
      </Flex>
    </Card>
  );
}
