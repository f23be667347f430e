import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Flex, Spin } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { isJobActive } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { JobProgress } from '../../components/JobProgress';
import { JobStatusTag } from '../../components/JobStatusTag';
import { useJobPolling } from '../../hooks/useJobPolling';
import { useI18n } from '../../i18n/I18nProvider';

/** The live progress of a tier evaluation job; `onEnded` once when it has ended (so member counts are refetched). */
export function TierEvaluation({ jobId, onEnded, onClose }: { jobId: string; onEnded: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const canJobs = can('job.read');
  const { job, notFound } = useJobPolling(canJobs ? jobId : null, 700);
  const ended = useRef(false);
  const onEndedRef = useRef(onEnded);
  onEndedRef.current = onEnded;
  useEffect(() => {
    if (job && !isJobActive(job) && !ended.current) {
      ended.current = true;
      onEndedRef.current();
    }
  }, [job]);

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={t('loyalty.evaluate.title')}
      extra={<Button size="small" type="text" icon={<CloseOutlined />} onClick={onClose} aria-label={t('common.close')} />}
      data-testid="tiers-evaluation"
      data-status={job?.status ?? ''}
    >
      {!canJobs ? (
        <Alert type="info" showIcon message={t('loyalty.evaluate.noJobAccess')} />
      ) : notFound ? (
        <Alert type="warning" showIcon message={t('loyalty.evaluate.gone')} />
      ) : !job ? (
        <Spin size="small" />
      ) : (
        <>
          <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
            <JobStatusTag status={job.status} />
            <Link to={`/jobs/${encodeURIComponent(job.id)}`}>{t('loyalty.evaluate.jobLink')}</Link>
          </Flex>
          <JobProgress job={job} />
          {job.status === 'SUCCEEDED' && (
            <Alert type="success" showIcon style={{ marginTop: 8 }} message={t('loyalty.evaluate.done')} data-testid="tiers-evaluation-done" />
          )}
          {job.status === 'FAILED' && (
            <Alert type="error" showIcon style={{ marginTop: 8 }} message={t('loyalty.evaluate.failed', { error: job.error ?? '—' })} />
          )}
          {job.status === 'CANCELLED' && <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t('loyalty.evaluate.cancelled')} />}
        </>
      )}
    </Card>
  );
}
