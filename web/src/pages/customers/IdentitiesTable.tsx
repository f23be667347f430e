import { Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { CustomerIdentity } from '../../api/types';
import { CustomerLink } from '../../components/CustomerLink';
import { ShopLabel } from '../../components/ShopLabel';
import { TableEmpty } from '../../components/TableEmpty';
import { useI18n } from '../../i18n/I18nProvider';
import { identityTypeLabel, sourceLabel } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';

/** The identities One-ID linked to a customer: phones, emails, WeChat and platform ids… */
export function IdentitiesTable({ customerId, identities }: { customerId: string; identities: CustomerIdentity[] }) {
  const tr = useI18n();
  const { t } = tr;

  const columns: TableColumnsType<CustomerIdentity> = [
    {
      title: t('identity.col.type'),
      dataIndex: 'type',
      key: 'type',
      className: 'll-nowrap',
      render: (type: string) => <Tooltip title={type}>{identityTypeLabel(tr, type)}</Tooltip>,
    },
    {
      title: t('identity.col.value'),
      dataIndex: 'value',
      key: 'value',
      render: (v: string) => (
        <Typography.Text className="ll-mono" copyable={{ text: v }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('identity.col.shop'),
      dataIndex: 'shopId',
      key: 'shopId',
      render: (shopId: string | null) => <ShopLabel shopId={shopId} />,
    },
    {
      title: t('identity.col.flagged'),
      dataIndex: 'flagged',
      key: 'flagged',
      render: (flagged: boolean) =>
        flagged ? (
          <Tooltip title={t('identity.flaggedHelp')}>
            <Tag color="warning" icon={<WarningOutlined />} data-testid="identity-flagged">
              {t('identity.flagged')}
            </Tag>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('identity.col.source'),
      dataIndex: 'source',
      key: 'source',
      render: (v: string | null) => (v ? sourceLabel(tr, v) : '—'),
    },
    {
      title: t('identity.col.firstSeen'),
      dataIndex: 'firstSeenAt',
      key: 'firstSeenAt',
      className: 'll-nowrap',
      render: formatDateTime,
    },
    {
      title: t('identity.col.lastSeen'),
      dataIndex: 'lastSeenAt',
      key: 'lastSeenAt',
      className: 'll-nowrap',
      render: formatDateTime,
    },
    {
      title: <Tooltip title={t('identity.col.originHelp')}>{t('identity.col.origin')}</Tooltip>,
      dataIndex: 'originCustomerId',
      key: 'origin',
      render: (origin: string | null) => (origin && origin !== customerId ? <CustomerLink id={origin} /> : '—'),
    },
  ];

  return (
    <Table<CustomerIdentity>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={identities}
      pagination={identities.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      rowClassName={(i) => (i.flagged ? 'll-row-muted' : '')}
      locale={{ emptyText: <TableEmpty description={t('identity.empty')} /> }}
      data-testid="customer-identities"
    />
  );
}
