import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Form, Select, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { clvApi } from '../../api/clv';
import { JobProgress } from '../../components/JobProgress';
import { useFormErrorHandler } from '../../hooks/useApiError';
import { useJobPolling } from '../../hooks/useJobPolling';
import { useShops } from '../../hooks/useShops';
import { useI18n } from '../../i18n/I18nProvider';
import { MERCHANT_SCOPE, fitDateProblems } from '../../lib/clv';

const ISO = 'YYYY-MM-DD';
/** The server's default holdout (liuliang.models.clv.holdout-weeks), shown as a hint only. */
const DEFAULT_HOLDOUT_WEEKS = 13;
const FIELDS = ['shopId', 'calibrationEnd', 'holdoutEnd'] as const;

interface FitValues {
  shopId: string;
  calibrationEnd?: Dayjs | null;
  holdoutEnd?: Dayjs | null;
}

/** The fit form: scope and periods, validated inline, then the job's progress until the model is there. */
export function ClvFitForm({ scope, onFitted }: { scope: string; onFitted: (scope: string) => void }) {
  const { t } = useI18n();
  const { shops } = useShops();
  const [form] = Form.useForm<FitValues>();
  const onError = useFormErrorHandler();
  const [submitting, setSubmitting] = useState(false);
  const [run, setRun] = useState<{ jobId: string; scope: string } | null>(null);
  const { job } = useJobPolling(run?.jobId, 700);

  useEffect(() => {
    if (!run) form.setFieldValue('shopId', scope);
  }, [scope, form, run]);

  useEffect(() => {
    if (job?.status === 'SUCCEEDED' && run) onFitted(run.scope);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.status]);

  const today = () => dayjs().format(ISO);
  const iso = (d: Dayjs | null | undefined) => (d ? d.format(ISO) : null);

  const submit = async (values: FitValues) => {
    setSubmitting(true);
    try {
      const accepted = await clvApi.fit({
        shopId: values.shopId === MERCHANT_SCOPE ? null : values.shopId,
        calibrationEnd: iso(values.calibrationEnd),
        holdoutEnd: iso(values.holdoutEnd),
      });
      setRun({ jobId: accepted.jobId, scope: values.shopId });
    } catch (err) {
      onError(form, err, FIELDS);
    } finally {
      setSubmitting(false);
    }
  };

  const active = !!job && (job.status === 'QUEUED' || job.status === 'RUNNING');

  return (
    <>
      <Form<FitValues>
        form={form}
        layout="vertical"
        initialValues={{ shopId: scope }}
        onFinish={(v) => void submit(v)}
        data-testid="clv-fit-form"
        requiredMark={false}
      >
        <Form.Item name="shopId" label={t('clv.fit.shop')} rules={[{ required: true }]}>
          <Select
            data-testid="clv-fit-shop"
            showSearch
            optionFilterProp="label"
            options={[
              { value: MERCHANT_SCOPE, label: t('clv.scope.merchant') },
              ...shops.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="calibrationEnd"
          label={t('clv.fit.calibrationEnd')}
          extra={t('clv.fit.calibrationEndHelp', { weeks: DEFAULT_HOLDOUT_WEEKS })}
          rules={[
            {
              validator: (_, v: Dayjs | null | undefined) =>
                fitDateProblems(iso(v), null, today()).calibrationEnd
                  ? Promise.reject(new Error(t('clv.v.calibrationFuture')))
                  : Promise.resolve(),
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="clv-fit-calibration" />
        </Form.Item>
        <Form.Item
          name="holdoutEnd"
          label={t('clv.fit.holdoutEnd')}
          extra={t('clv.fit.holdoutEndHelp')}
          dependencies={['calibrationEnd']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | null | undefined) => {
                const problem = fitDateProblems(iso(getFieldValue('calibrationEnd') as Dayjs | null), iso(v), today()).holdoutEnd;
                return problem ? Promise.reject(new Error(t(`clv.v.${problem}`))) : Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="clv-fit-holdout" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<ExperimentOutlined />}
          loading={submitting || active}
          data-testid="clv-fit-submit"
        >
          {t('clv.fit.submit')}
        </Button>
      </Form>
      {job && (
        <div style={{ marginTop: 16 }} data-testid="clv-fit-job">
          {active && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {t('clv.fit.running')}
            </Typography.Paragraph>
          )}
          <JobProgress job={job} />
          {job.status === 'SUCCEEDED' && (
            <Alert type="success" showIcon style={{ marginTop: 8 }} message={t('clv.fit.done')} data-testid="clv-fit-done" />
          )}
          {(job.status === 'FAILED' || job.status === 'CANCELLED') && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 8 }}
              message={t('clv.fit.failed', { error: job.error ?? job.status })}
              data-testid="clv-fit-failed"
            />
          )}
        </div>
      )}
    </>
  );
}
