import { Link } from 'react-router-dom';
import { Card, Table } from 'antd';
import { journeysApi, type CustomerJourney, type EnrolmentState } from '../../api/journeys';
import { RefreshButton } from '../../components/RefreshButton';
import { useFetched } from '../../hooks/useFetched';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { EnrolmentStateTag } from '../journeys/JourneyTags';

/** The journeys a customer joined (each enrolment), on the 360° page. */
export function CustomerJourneysCard({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { data: items, reload } = useFetched((signal) => journeysApi.ofCustomer(customerId, signal), customerId, [] as CustomerJourney[], true);
  return (
    <Card
      size="small"
      title={t('customerJourneys.title')}
      style={{ marginBottom: 16 }}
      data-testid="customer-journeys"
      extra={<RefreshButton size="small" type="text" onClick={reload} />}
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
