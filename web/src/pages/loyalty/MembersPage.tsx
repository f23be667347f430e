import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Flex, Input, Select, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { ReloadOutlined, UserAddOutlined, WarningOutlined } from '@ant-design/icons';
import { loyaltyApi, type Member, type MemberFilter, type Tier } from '../../api/loyalty';
import type { PageRequest } from '../../api/services';
import { useAuth } from '../../auth/AuthContext';
import { CursorPager } from '../../components/CursorPager';
import { CustomerLink } from '../../components/CustomerLink';
import { PageHeader } from '../../components/PageHeader';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useI18n } from '../../i18n/I18nProvider';
import { enrolledByLabel } from '../../i18n/labels';
import { formatDateTime, formatNumber } from '../../lib/format';
import { EnrolModal } from './EnrolModal';
import { LoyaltyNav } from './LoyaltyNav';
import { TierTag } from './LoyaltyTags';

/** `/loyalty/members`: members by tier or member number, with cursor pages; enrol a customer. */
export default function MembersPage() {
  const tr = useI18n();
  const { t, lang } = tr;
  const { can } = useAuth();
  const manage = can('loyalty.manage');
  const showError = useApiError();
  const navigate = useNavigate();
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [enrolling, setEnrolling] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    loyaltyApi
      .tiers(controller.signal)
      .then((l) => !controller.signal.aborted && setTiers(l.tiers))
      .catch((e: unknown) => !controller.signal.aborted && showError(e));
    return () => controller.abort();
  }, [showError]);

  const fetchPage = useCallback(
    (f: MemberFilter, p: PageRequest, signal: AbortSignal) => loyaltyApi.members(f, p, signal),
    [],
  );
  const table = useCursorTable<Member, MemberFilter>(fetchPage, {});
  const rankOf = useMemo(() => new Map(tiers.map((x) => [x.code, x.rank])), [tiers]);

  const columns: TableColumnsType<Member> = [
    {
      title: t('loyalty.member.no'),
      dataIndex: 'memberNo',
      render: (no: string, m) => (
        <Link to={`/loyalty/members/${encodeURIComponent(m.customerId)}`} className="ll-mono" data-testid="member-link">
          {no}
        </Link>
      ),
    },
    {
      title: t('loyalty.member.customer'),
      dataIndex: 'customerId',
      render: (id: string) => (can('customer.read') ? <CustomerLink id={id} /> : <span className="ll-mono">{id}</span>),
    },
    {
      title: t('loyalty.member.tier'),
      key: 'tier',
      render: (_, m) => (
        <Flex gap={4} wrap>
          <TierTag code={m.tier} name={m.tierName} rank={m.tier ? rankOf.get(m.tier) : null} />
          {m.downgradeDueAt && (
            <Tooltip title={t('loyalty.member.atRiskUntil', { time: formatDateTime(m.downgradeDueAt) })}>
              <Tag color="orange" icon={<WarningOutlined />} data-testid="member-at-risk">
                {t('loyalty.member.atRisk')}
              </Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      title: t('loyalty.member.balance'),
      dataIndex: 'balance',
      align: 'right',
      render: (b: number) => <span data-testid="member-row-balance">{formatNumber(b, lang)}</span>,
    },
    { title: t('loyalty.member.tierSince'), dataIndex: 'tierSince', className: 'll-nowrap', render: formatDateTime },
    { title: t('loyalty.member.enrolledAt'), dataIndex: 'enrolledAt', className: 'll-nowrap', render: formatDateTime },
    {
      title: t('loyalty.member.enrolledBy'),
      dataIndex: 'enrolledBy',
      render: (b: string | null) => (b ? enrolledByLabel(tr, b) : '—'),
    },
  ];

  const filtered = !!table.filters.tier || !!table.filters.memberNo;
  return (
    <>
      <PageHeader
        title={t('loyalty.members.title')}
        subtitle={t('loyalty.members.subtitle')}
        extra={
          <>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => table.reload()} aria-label={t('common.refresh')} />
            </Tooltip>
            {manage && (
              <Button type="primary" icon={<UserAddOutlined />} onClick={() => setEnrolling(true)} data-testid="members-enrol">
                {t('loyalty.enrol.button')}
              </Button>
            )}
          </>
        }
      />
      <LoyaltyNav />
      <Card className="ll-table-card">
        <Flex gap={8} wrap className="ll-filters">
          <Input.Search
            allowClear
            placeholder={t('loyalty.members.search')}
            style={{ width: 240 }}
            onSearch={(q) => table.setFilters((f) => ({ ...f, memberNo: q.trim() || undefined }))}
            data-testid="members-search"
          />
          <Select
            allowClear
            placeholder={t('loyalty.member.tier')}
            style={{ width: 180 }}
            value={table.filters.tier}
            options={tiers.map((x) => ({ value: x.code, label: x.name }))}
            onChange={(tier?: string) => table.setFilters((f) => ({ ...f, tier }))}
            data-testid="members-tier-filter"
          />
        </Flex>
        <Table<Member>
          rowKey="customerId"
          size="middle"
          loading={table.loading}
          dataSource={table.items}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <TableEmpty
                error={table.error}
                onRetry={() => table.reload()}
                description={filtered ? t('loyalty.members.noMatch') : t('loyalty.members.empty')}
              />
            ),
          }}
          data-testid="members-table"
        />
        <CursorPager table={table} />
      </Card>
      {enrolling && (
        <EnrolModal
          onClose={() => setEnrolling(false)}
          onEnrolled={(m) => {
            setEnrolling(false);
            navigate(`/loyalty/members/${encodeURIComponent(m.customerId)}`);
          }}
        />
      )}
    </>
  );
}
