import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Table, Tooltip } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { journeysApi, type CustomerJourney, type EnrolmentState } from '../../api/journeys';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { EnrolmentStateTag } from '../journeys/JourneyTags';

/** The journeys a customer joined (each enrolment), on the 360° page. */
export function CustomerJourneysCard({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [items, setItems] = useState<CustomerJourney[] | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    journeysApi
      .ofCustomer(customerId, controller.signal)
      .then((list) => !controller.signal.aborted && setItems(list))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setItems([]);
        // the page itself says when the customer does not exist
        if (!(err instanceof ApiError && err.status === 404)) showErrorRef.current(err);
      });
    return () => controller.abort();
  }, [customerId, tick]);

  return (
    <Card
      size="small"
      title={t('customerJourneys.title')}
      style={{ marginBottom: 16 }}
      data-testid="customer-journeys"
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button size="small" type="text" icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} />
        </Tooltip>
      }
    >
      <Table<CustomerJourney>
        size="small"
        rowKey={(j) => `${j.journeyId}-${j.enteredAt}`}
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('customerJourneys.none') }}
        columns={[
          {
            title: t('customerJourneys.journey'),
            key: 'journey',
            render: (_, j) => (
              <Link to={`/journeys/${encodeURIComponent(j.journeyId)}`} data-testid="customer-journey-link">
                {j.journeyName}
              </Link>
            ),
          },
          { title: t('journey.enrolments.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          { title: t('journey.enrolments.state'), dataIndex: 'state', render: (s: EnrolmentState) => <EnrolmentStateTag state={s} /> },
          { title: t('journey.enrolments.currentNode'), dataIndex: 'currentNode', render: (n: string | null) => n ?? '—' },
          { title: t('journey.enrolments.variant'), dataIndex: 'variant', render: (v: string | null) => v ?? '—' },
          { title: t('journey.enrolments.enteredAt'), dataIndex: 'enteredAt', className: 'll-nowrap', render: formatDateTime },
          { title: t('journey.enrolments.finishedAt'), dataIndex: 'finishedAt', className: 'll-nowrap', render: formatDateTime },
        ]}
      />
    </Card>
  );
}
