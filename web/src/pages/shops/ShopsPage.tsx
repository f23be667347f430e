import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Input, Select, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { shopsApi } from '../../api/services';
import { PLATFORMS, type Shop } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { PlatformTag } from '../../components/PlatformTag';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { invalidateShops } from '../../hooks/useShops';
import { useI18n } from '../../i18n/I18nProvider';
import { platformLabel } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { filterShops, zoneOffset, type ShopFilter, type ShopStatusFilter } from '../../lib/shops';
import { ShopFormDrawer } from './ShopFormDrawer';

const PAGE_SIZE = 20;

export default function ShopsPage() {
  const tr = useI18n();
  const { t } = tr;
  const { can } = useAuth();
  const canManage = can('shop.manage');
  const showError = useApiError();
  const [shops, setShops] = useState<Shop[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<ShopFilter>({ status: 'all' });
  const [drawer, setDrawer] = useState<{ open: boolean; shop: Shop | null; key: number }>({ open: false, shop: null, key: 0 });

  const load = useCallback(() => {
    setLoading(true);
    shopsApi
      .list()
      .then((list) => {
        setShops(list);
        setError(null);
      })
      .catch((e: unknown) => {
        setError(e);
        showError(e);
      })
      .finally(() => setLoading(false));
  }, [showError]);

  useEffect(load, [load]);

  const openDrawer = (shop: Shop | null) => setDrawer((d) => ({ open: true, shop, key: d.key + 1 }));
  const closeDrawer = () => setDrawer((d) => ({ ...d, open: false }));

  const visible = useMemo(() => filterShops(shops, filter), [shops, filter]);
  const filtered = !!filter.q || !!filter.platform || filter.status !== 'all';

  const columns: TableColumnsType<Shop> = [
    { title: t('shops.col.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('shops.col.platform'),
      dataIndex: 'platform',
      key: 'platform',
      render: (p: string) => <PlatformTag platform={p} />,
    },
    {
      title: t('shops.col.timezone'),
      dataIndex: 'timezone',
      key: 'timezone',
      className: 'll-nowrap',
      render: (zone: string) => {
        const offset = zoneOffset(zone);
        return offset ? <Tooltip title={`UTC${offset}`}>{zone}</Tooltip> : zone;
      },
    },
    { title: t('shops.col.currency'), dataIndex: 'currency', key: 'currency', render: (c: string) => <code>{c}</code> },
    {
      title: t('shops.col.platformShopId'),
      dataIndex: 'platformShopId',
      key: 'platformShopId',
      render: (v: string | null) => (v ? <code>{v}</code> : '—'),
    },
    {
      title: t('shops.col.status'),
      dataIndex: 'archived',
      key: 'status',
      render: (archived: boolean) =>
        archived ? <Tag>{t('shops.status.archived')}</Tag> : <Tag color="green">{t('shops.status.active')}</Tag>,
    },
    {
      title: t('shops.col.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      className: 'll-nowrap',
      render: formatDateTime,
    },
  ];

  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, s) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openDrawer(s)} data-testid="shop-edit">
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('shops.title')}
        subtitle={t('shops.subtitle')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openDrawer(null)} data-testid="shops-new">
              {t('shops.new')}
            </Button>
          )
        }
      />
      {!canManage && (
        <Alert type="info" showIcon message={t('shops.readOnly')} style={{ marginBottom: 16 }} data-testid="shops-readonly" />
      )}
      <Card className="ll-table-card">
        <Flex gap={8} wrap className="ll-filters">
          <Input.Search
            allowClear
            placeholder={t('shops.searchPlaceholder')}
            style={{ width: 280 }}
            onChange={(e) => setFilter((f) => ({ ...f, q: e.target.value }))}
            data-testid="shops-search"
          />
          <Select
            allowClear
            placeholder={t('shops.filterPlatform')}
            style={{ width: 160 }}
            value={filter.platform}
            onChange={(platform?: string) => setFilter((f) => ({ ...f, platform }))}
            options={PLATFORMS.map((p) => ({ value: p, label: platformLabel(tr, p) }))}
            data-testid="shops-filter-platform"
          />
          <Select<ShopStatusFilter>
            style={{ width: 150 }}
            value={filter.status}
            onChange={(status) => setFilter((f) => ({ ...f, status }))}
            options={[
              { value: 'all', label: `${t('shops.filterStatus')}: ${t('common.all')}` },
              { value: 'active', label: t('shops.status.active') },
              { value: 'archived', label: t('shops.status.archived') },
            ]}
            data-testid="shops-filter-status"
          />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={load} aria-label={t('common.refresh')} />
          </Tooltip>
        </Flex>
        <Table<Shop>
          rowKey="id"
          columns={columns}
          dataSource={visible}
          loading={loading}
          rowClassName={(s) => (s.archived ? 'll-row-muted' : '')}
          pagination={visible.length > PAGE_SIZE ? { pageSize: PAGE_SIZE, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <TableEmpty
                error={error}
                onRetry={load}
                description={filtered ? t('shops.noMatch') : t(canManage ? 'shops.emptyManage' : 'shops.empty')}
              />
            ),
          }}
          data-testid="shops-table"
        />
      </Card>
      <ShopFormDrawer
        key={drawer.key}
        open={drawer.open}
        shop={drawer.shop}
        onClose={closeDrawer}
        onSaved={(s, created) => {
          closeDrawer();
          invalidateShops();
          setShops((list) => (created ? [...list, s] : list.map((x) => (x.id === s.id ? s : x))));
          load();
        }}
      />
    </>
  );
}
