import { useState } from 'react';
import {
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { LockOutlined, QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { customersApi } from '../../api/services';
import type { CustomerFilter, CustomerSummary } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { PlatformTag } from '../../components/PlatformTag';
import { TableEmpty } from '../../components/TableEmpty';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useShops } from '../../hooks/useShops';
import { useI18n } from '../../i18n/I18nProvider';
import { sourceLabel } from '../../i18n/labels';
import { formatDateTime, formatNumber } from '../../lib/format';
import { regionText } from '../../lib/customer';

type TextFilter = 'province' | 'city';

/** A text filter applied on Enter, on leaving the field, or when cleared. */
function FilterInput({
  value,
  placeholder,
  onApply,
  testId,
}: {
  value: string | undefined;
  placeholder: string;
  onApply: (v: string | undefined) => void;
  testId: string;
}) {
  const [text, setText] = useState(value ?? '');
  const apply = (v: string) => {
    const next = v.trim() || undefined;
    if (next !== value) onApply(next);
  };
  return (
    <Input
      allowClear
      placeholder={placeholder}
      style={{ width: 140 }}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) apply('');
      }}
      onPressEnter={() => apply(text)}
      onBlur={() => apply(text)}
      data-testid={testId}
    />
  );
}

/**
 * A min–max number filter, applied on Enter or on leaving a field; a reversed range is marked at once and not applied.
 */
function RangeFilter({
  min,
  max,
  minPlaceholder,
  maxPlaceholder,
  reversedMessage,
  precision,
  lowest,
  onApply,
  testId,
}: {
  min: number | undefined;
  max: number | undefined;
  minPlaceholder: string;
  maxPlaceholder: string;
  reversedMessage: string;
  precision: number;
  lowest?: number;
  onApply: (min: number | undefined, max: number | undefined) => void;
  testId: string;
}) {
  const [lo, setLo] = useState<number | null>(min ?? null);
  const [hi, setHi] = useState<number | null>(max ?? null);
  const reversed = lo !== null && hi !== null && lo > hi;
  const apply = () => {
    if (reversed) return;
    const nextLo = lo ?? undefined;
    const nextHi = hi ?? undefined;
    if (nextLo !== min || nextHi !== max) onApply(nextLo, nextHi);
  };
  return (
    <Tooltip open={reversed} title={reversedMessage}>
      <Space.Compact data-testid={testId}>
        <InputNumber<number>
          placeholder={minPlaceholder}
          value={lo}
          min={lowest}
          precision={precision}
          status={reversed ? 'error' : undefined}
          style={{ width: 120 }}
          onChange={(v) => setLo(v ?? null)}
          onPressEnter={apply}
          onBlur={apply}
          data-testid={`${testId}-min`}
        />
        <InputNumber<number>
          placeholder={maxPlaceholder}
          value={hi}
          min={lowest}
          precision={precision}
          status={reversed ? 'error' : undefined}
          style={{ width: 120 }}
          onChange={(v) => setHi(v ?? null)}
          onPressEnter={apply}
          onBlur={apply}
          data-testid={`${testId}-max`}
        />
      </Space.Compact>
    </Tooltip>
  );
}

export default function CustomersPage() {
  const tr = useI18n();
  const { t, lang } = tr;
  const { can } = useAuth();
  const piiVisible = can('customer.pii.read');
  const { shops } = useShops();
  const table = useCursorTable<CustomerSummary, CustomerFilter>((f, p, signal) => customersApi.list(f, p, signal), {});
  const [search, setSearch] = useState('');

  const setText = (key: TextFilter) => (v: string | undefined) => table.setFilters((f) => ({ ...f, [key]: v }));
  const f0 = table.filters;
  const filtered = !!(f0.q || f0.province || f0.city || f0.shopId)
    || [f0.minSpent, f0.maxSpent, f0.minOrders, f0.maxOrders].some((v) => v !== undefined);

  const columns: TableColumnsType<CustomerSummary> = [
    {
      title: t('customers.col.name'),
      dataIndex: 'displayName',
      key: 'displayName',
      render: (name: string | null, c) => (
        <Link to={`/customers/${encodeURIComponent(c.id)}`} data-testid="customer-open">
          {name?.trim() || <Typography.Text type="secondary">{t('customers.unnamed')}</Typography.Text>}
        </Link>
      ),
    },
    {
      title: piiVisible ? (
        t('customers.col.phone')
      ) : (
        <Tooltip title={t('customers.phoneMasked')}>
          {t('customers.col.phone')} <LockOutlined />
        </Tooltip>
      ),
      dataIndex: 'phone',
      key: 'phone',
      className: 'll-nowrap',
      render: (v: string | null) => (v ? <span className="ll-mono">{v}</span> : '—'),
    },
    {
      title: t('customers.col.region'),
      key: 'region',
      render: (_, c) => regionText(c.province, c.city) ?? '—',
    },
    {
      title: t('customers.col.firstSeen'),
      dataIndex: 'firstSeenAt',
      key: 'firstSeenAt',
      className: 'll-nowrap',
      render: formatDateTime,
    },
    {
      title: t('customers.col.lastSeen'),
      dataIndex: 'lastSeenAt',
      key: 'lastSeenAt',
      className: 'll-nowrap',
      render: formatDateTime,
    },
    {
      title: t('customers.col.source'),
      dataIndex: 'source',
      key: 'source',
      render: (v: string | null) => (v ? sourceLabel(tr, v) : '—'),
    },
  ];

  return (
    <>
      <PageHeader title={t('customers.title')} subtitle={t('customers.subtitle')} />
      <Card className="ll-table-card">
        <Flex gap={8} wrap align="center" className="ll-filters">
          <Input.Search
            allowClear
            placeholder={t('customers.searchPlaceholder')}
            style={{ width: 300 }}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value && table.filters.q) table.setFilters((f) => ({ ...f, q: undefined }));
            }}
            onSearch={(q) => table.setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            data-testid="customers-search"
          />
          <Tooltip title={t('customers.searchHelp')}>
            <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} aria-label={t('customers.searchHelp')} />
          </Tooltip>
          <FilterInput
            value={table.filters.province}
            placeholder={t('customers.filterProvince')}
            onApply={setText('province')}
            testId="customers-filter-province"
          />
          <FilterInput
            value={table.filters.city}
            placeholder={t('customers.filterCity')}
            onApply={setText('city')}
            testId="customers-filter-city"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="search"
            placeholder={t('customers.filterShop')}
            style={{ width: 220 }}
            value={table.filters.shopId}
            onChange={(shopId?: string) => table.setFilters((f) => ({ ...f, shopId }))}
            options={shops.map((s) => ({
              value: s.id,
              search: s.name,
              label: (
                <Flex gap={4} align="center">
                  <PlatformTag platform={s.platform} />
                  <span>{s.name}</span>
                  {s.archived && <Typography.Text type="secondary">({t('shops.status.archived')})</Typography.Text>}
                </Flex>
              ),
            }))}
            data-testid="customers-filter-shop"
          />
          <RangeFilter
            min={table.filters.minSpent}
            max={table.filters.maxSpent}
            minPlaceholder={t('customers.filterSpentMin')}
            maxPlaceholder={t('customers.filterSpentMax')}
            reversedMessage={t('customers.rangeReversed')}
            precision={2}
            onApply={(minSpent, maxSpent) => table.setFilters((f) => ({ ...f, minSpent, maxSpent }))}
            testId="customers-filter-spent"
          />
          <RangeFilter
            min={table.filters.minOrders}
            max={table.filters.maxOrders}
            minPlaceholder={t('customers.filterOrdersMin')}
            maxPlaceholder={t('customers.filterOrdersMax')}
            reversedMessage={t('customers.rangeReversed')}
            precision={0}
            lowest={0}
            onApply={(minOrders, maxOrders) => table.setFilters((f) => ({ ...f, minOrders, maxOrders }))}
            testId="customers-filter-orders"
          />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => table.reload()} aria-label={t('common.refresh')} />
          </Tooltip>
          <div style={{ flex: 1 }} />
          {table.total !== null && (
            <Typography.Text type="secondary" data-testid="customers-total">
              {table.total === 1 ? t('customers.totalOne') : t('customers.total', { count: formatNumber(table.total, lang) })}
            </Typography.Text>
          )}
        </Flex>
        <Table<CustomerSummary>
          rowKey="id"
          columns={columns}
          dataSource={table.items}
          loading={table.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <TableEmpty
                error={table.error}
                onRetry={() => table.reload()}
                description={filtered ? t('customers.noMatch') : t('customers.empty')}
              />
            ),
          }}
          data-testid="customers-table"
        />
        <CursorPager table={table} />
      </Card>
    </>
  );
}
