import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Flex, Modal, Select, Spin, Table, Tabs, Typography } from 'antd';
import { DownloadOutlined, GiftOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { jobResultUrl } from '../../api/api';
import { couponTemplatesApi, type CouponTemplate, type IssueResponse } from '../../api/coupons';
import { segmentsApi, type Segment } from '../../api/segments';
import { isJobActive } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { CustomerLink } from '../../components/CustomerLink';
import { JobProgress } from '../../components/JobProgress';
import { JobStatusTag } from '../../components/JobStatusTag';
import { PastedIdsField } from '../../components/PastedIdsField';
import { useApiError } from '../../hooks/useApiError';
import { useJobPolling } from '../../hooks/useJobPolling';
import { useI18n } from '../../i18n/I18nProvider';
import { describeTerms, newRequestId, parseCustomerIds, pastedProblem, resultRows, type PastedIds } from '../../lib/coupons';
import { formatNumber } from '../../lib/format';
import { IssueStatusTag } from './CouponTags';

interface Props {
  template: CouponTemplate;
  onClose: () => void;
  /** Called after coupons were (or may have been) issued, so the caller refreshes its figures. */
  onIssued: () => void;
}

/** Issues coupons of a template: to pasted customer ids (with a result per line) or to a segment (a job). */
export function IssueCouponsModal({ template, onClose, onIssued }: Props) {
  const tr = useI18n();
  const { t } = tr;
  return (
    <Modal
      open
      width={820}
      title={t('coupon.issue.title', { name: template.name })}
      onCancel={onClose}
      footer={
        <Button onClick={onClose} data-testid="issue-close">
          {t('common.close')}
        </Button>
      }
      destroyOnHidden
      data-testid="issue-modal"
    >
      <Typography.Paragraph type="secondary">{describeTerms(tr, template)}</Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'ids',
            label: <span data-testid="issue-tab-ids">{t('coupon.issue.tab.ids')}</span>,
            children: <IssueToIds template={template} onIssued={onIssued} />,
          },
          {
            key: 'segment',
            label: <span data-testid="issue-tab-segment">{t('coupon.issue.tab.segment')}</span>,
            children: <IssueToSegment template={template} onIssued={onIssued} />,
          },
        ]}
      />
    </Modal>
  );
}

function IssueToIds({ template, onIssued }: { template: CouponTemplate; onIssued: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const showError = useApiError();
  const [text, setText] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<{ response: IssueResponse; pasted: PastedIds } | null>(null);
  const pasted = useMemo(() => parseCustomerIds(text), [text]);
  const problem = pastedProblem(pasted);

  const submit = () => {
    if (problem) return;
    setSubmitting(true);
    const sent = pasted;
    // a fresh request id per submission: sending the same one again would only repeat the first answer
    couponTemplatesApi
      .issue(template.id, sent.ids, newRequestId())
      .then((response) => {
        setResult({ response, pasted: sent });
        onIssued();
      })
      .catch(showError)
      .finally(() => setSubmitting(false));
  };

  const rows = result ? resultRows(result.response.results, result.pasted.lineOf) : [];
  const r = result?.response;
  return (
    <>
      <PastedIdsField
        text={text}
        onChange={setText}
        pasted={pasted}
        testId="issue-ids"
        action={
          <Button type="primary" icon={<GiftOutlined />} disabled={!!problem} loading={submitting} onClick={submit} data-testid="issue-submit">
            {t('coupon.issue.submit', { count: formatNumber(pasted.ids.length, lang) })}
          </Button>
        }
      />
      {r && (
        <div style={{ marginTop: 16 }}>
          <Alert
            type={r.rejected > 0 ? 'warning' : 'success'}
            showIcon
            message={t('coupon.issue.result', { issued: r.issued, already: r.alreadyIssued, rejected: r.rejected })}
            data-testid="issue-result-summary"
          />
          <Table
            size="small"
            style={{ marginTop: 8 }}
            rowKey="customerId"
            dataSource={rows}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            data-testid="issue-results"
            columns={[
              { title: t('coupon.issue.col.line'), dataIndex: 'line', width: 64, render: (l: number | null) => l ?? '—' },
              {
                title: t('coupon.col.customer'),
                dataIndex: 'customerId',
                render: (id: string) => (can('customer.read') ? <CustomerLink id={id} /> : <span className="ll-mono">{id}</span>),
              },
              { title: t('coupon.issue.col.status'), dataIndex: 'status', render: (s: IssueResponse['results'][number]['status']) => <IssueStatusTag status={s} /> },
              {
                title: t('coupon.col.code'),
                dataIndex: 'code',
                render: (c: string | null) => (c ? <Typography.Text copyable className="ll-mono" data-testid="issue-code">{c}</Typography.Text> : '—'),
              },
              {
                title: t('coupon.issue.col.error'),
                dataIndex: 'error',
                render: (e: { field: string; message: string } | null) => (e ? <Typography.Text type="danger">{e.message}</Typography.Text> : '—'),
              },
            ]}
          />
        </div>
      )}
    </>
  );
}

function IssueToSegment({ template, onIssued }: { template: CouponTemplate; onIssued: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const showError = useApiError();
  const [segments, setSegments] = useState<Segment[] | null>(null);
  const [segmentId, setSegmentId] = useState<string | undefined>();
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const canSegments = can('segment.read');

  useEffect(() => {
    if (!canSegments) return;
    segmentsApi
      .list({}, { limit: 500, cursor: null })
      .then((p) => setSegments(p.items))
      .catch((e: unknown) => {
        setSegments([]);
        showError(e);
      });
  }, [canSegments, showError]);

  const start = () => {
    if (!segmentId) return;
    setStarting(true);
    couponTemplatesApi
      .issueToSegment(template.id, segmentId)
      .then((r) => setJobId(r.jobId))
      .catch(showError)
      .finally(() => setStarting(false));
  };

  if (!canSegments) return <Alert type="info" showIcon message={t('coupon.issue.noSegmentPermission')} />;
  const chosen = segments?.find((s) => s.id === segmentId);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('coupon.issue.segmentHint')}</Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <Select
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 320, flex: 1 }}
          loading={segments === null}
          placeholder={t('coupon.issue.segmentPlaceholder')}
          value={segmentId}
          onChange={(v: string) => {
            setSegmentId(v);
            setJobId(null);
          }}
          disabled={starting}
          options={(segments ?? []).map((s) => ({ value: s.id, label: `${s.name} (${formatNumber(s.memberCount, lang)})` }))}
          data-testid="issue-segment"
        />
        <Button type="primary" icon={<PlayCircleOutlined />} disabled={!segmentId || !!jobId} loading={starting} onClick={start} data-testid="issue-segment-start">
          {t('coupon.issue.segmentStart')}
        </Button>
      </Flex>
      {chosen && !jobId && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('coupon.issue.segmentSize', { count: formatNumber(chosen.memberCount, lang) })}
        </Typography.Paragraph>
      )}
      {jobId && <IssueJob jobId={jobId} onEnded={onIssued} onAgain={() => setJobId(null)} />}
    </>
  );
}

/** The live progress of an issue-to-segment job; tells the caller once when it has ended. */
function IssueJob({ jobId, onEnded, onAgain }: { jobId: string; onEnded: () => void; onAgain: () => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { job, notFound } = useJobPolling(jobId, 700);
  const ended = useRef(false);
  const notify = useCallback(() => {
    if (!ended.current) {
      ended.current = true;
      onEnded();
    }
  }, [onEnded]);
  useEffect(() => {
    if (job && !isJobActive(job)) notify();
  }, [job, notify]);

  if (notFound) return <Alert type="warning" showIcon style={{ marginTop: 16 }} message={t('coupon.issue.jobGone')} />;
  if (!job) return <Spin size="small" style={{ marginTop: 16 }} />;
  return (
    <div style={{ marginTop: 16 }} data-testid="issue-job" data-status={job.status}>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
        <JobStatusTag status={job.status} />
        {can('job.read') && (
          <Link to={`/jobs/${encodeURIComponent(job.id)}`}>{t('coupon.issue.jobLink')}</Link>
        )}
      </Flex>
      <JobProgress job={job} />
      {job.status === 'SUCCEEDED' && (
        <Alert type="success" showIcon style={{ marginTop: 8 }} message={t('coupon.issue.jobDone')} data-testid="issue-job-done" />
      )}
      {!isJobActive(job) && job.hasResult && (
        <Button type="link" icon={<DownloadOutlined />} href={jobResultUrl(job.id)} style={{ paddingLeft: 0 }} data-testid="issue-job-rejects">
          {t('coupon.issue.jobRejects')}
        </Button>
      )}
      {job.status === 'FAILED' && (
        <Alert type="error" showIcon style={{ marginTop: 8 }} message={t('coupon.issue.jobFailed', { error: job.error ?? '—' })} />
      )}
      {!isJobActive(job) && (
        <Button type="link" onClick={onAgain} style={{ paddingLeft: 0 }}>
          {t('coupon.issue.segmentAgain')}
        </Button>
      )}
    </div>
  );
}
