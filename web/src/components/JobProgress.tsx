import { Progress, Typography, theme } from 'antd';
import type { Job } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { formatDuration, formatNumber, formatRate } from '../lib/format';

type ProgressStatus = 'success' | 'exception' | 'normal' | 'active';

function progressStatus(job: Job): ProgressStatus {
  switch (job.status) {
    case 'SUCCEEDED':
      return 'success';
    case 'FAILED':
      return 'exception';
    case 'RUNNING':
      return 'active';
    default:
      return 'normal';
  }
}

/** `done/total · N/s · ETA m:ss`, leaving out what the job does not know. */
export function useProgressCaption() {
  const { t, lang } = useI18n();
  return (job: Job): string => {
    const parts: string[] = [];
    parts.push(job.total != null ? `${formatNumber(job.done, lang)}/${formatNumber(job.total, lang)}` : formatNumber(job.done, lang));
    if (job.status === 'RUNNING' && job.ratePerSecond != null) parts.push(t('jobs.rate', { rate: formatRate(job.ratePerSecond, lang) }));
    if (job.status === 'RUNNING' && job.etaSeconds != null) parts.push(t('jobs.eta', { eta: formatDuration(job.etaSeconds) }));
    return parts.join(' · ');
  };
}

/**
 * A live progress bar: the job's percent, or, while the total is unknown, a full animated bar in
 * a lighter colour as an indeterminate indicator.
 */
export function JobProgress({ job, compact = false }: { job: Job; compact?: boolean }) {
  const { token } = theme.useToken();
  const caption = useProgressCaption();
  const status = progressStatus(job);
  const indeterminate = job.percent == null && job.status === 'RUNNING';
  const percent = job.status === 'SUCCEEDED' ? 100 : indeterminate ? 100 : Math.round(job.percent ?? 0);
  return (
    <div style={{ minWidth: compact ? 160 : 240 }} data-testid="job-progress">
      <Progress
        percent={percent}
        status={status}
        strokeColor={indeterminate ? token.colorPrimaryBorder : undefined}
        showInfo={!indeterminate && job.percent != null}
        size={compact ? 'small' : 'default'}
        style={{ marginBottom: 0 }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {caption(job)}
      </Typography.Text>
    </div>
  );
}
