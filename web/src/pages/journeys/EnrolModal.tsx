import { useMemo, useState } from 'react';
import { Alert, Button, Modal, Table, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { journeysApi, type EnrolResult } from '../../api/journeys';
import { CustomerLink } from '../../components/CustomerLink';
import { PastedIdsField } from '../../components/PastedIdsField';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { newRequestId, parseCustomerIds, pastedProblem } from '../../lib/coupons';
import { formatNumber } from '../../lib/format';

/** Enrols pasted customers by hand (`POST /enrolments`, a fresh request id per submission), with who was skipped and why. */
/** The node counters follow by themselves (the page polls the stats). */
export function EnrolModal({ journeyId, onClose }: { journeyId: string; onClose: () => void }) {
  const { t, tOr, lang } = useI18n();
  const showError = useApiError();
  const [text, setText] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<EnrolResult | null>(null);
  const pasted = useMemo(() => parseCustomerIds(text), [text]);
  const problem = pastedProblem(pasted);

  const submit = () => {
    if (problem) return;
    setSubmitting(true);
    journeysApi
      .enrol(journeyId, pasted.ids, newRequestId())
      .then(setResult)
      .catch(showError)
      .finally(() => setSubmitting(false));
  };

  return (
    <Modal
      open
      width={720}
      title={t('journey.enrol.title')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      destroyOnHidden
      data-testid="enrol-modal"
    >
      <PastedIdsField
        text={text}
        onChange={setText}
        pasted={pasted}
        testId="enrol-ids"
        action={
          <Button type="primary" icon={<UserAddOutlined />} disabled={!!problem} loading={submitting} onClick={submit} data-testid="enrol-submit">
            {t('journey.enrol.submit', { count: formatNumber(pasted.ids.length, lang) })}
          </Button>
        }
      />
      {result && (
        <div style={{ marginTop: 16 }}>
          <Alert
            type={result.skipped.length > 0 ? 'warning' : 'success'}
            showIcon
            message={t('journey.enrol.result', { enrolled: result.enrolled, skipped: result.skipped.length })}
            data-testid="enrol-result"
          />
          {result.skipped.length > 0 && (
            <Table
              size="small"
              style={{ marginTop: 8 }}
              rowKey="customerId"
              dataSource={result.skipped}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                { title: t('journey.enrolments.customer'), dataIndex: 'customerId', render: (id: string) => <CustomerLink id={id} /> },
                {
                  title: t('journey.enrol.reason'),
                  dataIndex: 'reason',
                  render: (r: string) => <Typography.Text type="warning">{tOr(`journey.skip.${r}`, r)}</Typography.Text>,
                },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
