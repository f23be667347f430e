import { useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ApartmentOutlined, MergeCellsOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/api';
import { conflictsApi } from '../../api/services';
import {
  CONFLICT_STATUSES,
  type ConflictFilter,
  type ConflictParty,
  type ConflictStatus,
  type IdentityConflict,
} from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { CursorPager } from '../../components/CursorPager';
import { CustomerLink } from '../../components/CustomerLink';
import { PageHeader } from '../../components/PageHeader';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { notifyConflictsChanged } from '../../hooks/useOpenConflictCount';
import { useI18n } from '../../i18n/I18nProvider';
import { conflictStatusLabel, identityTypeLabel, sourceLabel } from '../../i18n/labels';
import { shortId, statusFromQuery, type StatusChoice } from '../../lib/customer';
import { formatDateTime } from '../../lib/format';

const STATUS_COLOR: Record<ConflictStatus, string> = { OPEN: 'orange', MERGED: 'green', DISMISSED: 'default' };

/**
 * A customer of a conflict, named from the conflict itself (no per-customer request, so no personal-data read is
 * audited): its link, a "merged" tag leading to the customer it was merged into, or "not found" once deleted.
 */
function ConflictCustomer({ id, party, missing }: { id: string; party: ConflictParty | undefined; missing: boolean }) {
  const { t } = useI18n();
  return (
    <Space size={4} data-testid="conflict-customer">
      <CustomerLink id={id} name={party?.displayName} />
      {party?.mergedInto && (
        <Tooltip title={t('conflicts.mergedIntoHelp', { id: shortId(party.mergedInto) })}>
          <Link to={`/customers/${encodeURIComponent(party.mergedInto)}`} data-testid="conflict-merged-into">
            <Tag bordered={false}>{t('conflicts.mergedInto')}</Tag>
          </Link>
        </Tooltip>
      )}
      {missing && <Typography.Text type="secondary">({t('conflicts.customerMissing')})</Typography.Text>}
    </Space>
  );
}

export default function ConflictsPage() {
  const tr = useI18n();
  const { t } = tr;
  const { can } = useAuth();
  const canWrite = can('customer.write');
  const { message } = App.useApp();
  const showError = useApiError();
  const [params, setParams] = useSearchParams();
  const highlight = Number(params.get('highlight')) || null;
  const initialStatus = statusFromQuery(params.get('status'));
  const table = useCursorTable<IdentityConflict, ConflictFilter>(
    (f, p, signal) => conflictsApi.list(f, p, signal),
    initialStatus === 'ALL' ? {} : { status: initialStatus },
  );
  const [busy, setBusy] = useState<number | null>(null);
  const statusValue: StatusChoice = table.filters.status ?? 'ALL';

  const setStatus = (s: StatusChoice) => {
    table.setFilters({ status: s === 'ALL' ? undefined : s });
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('status', s);
        next.delete('highlight');
        return next;
      },
      { replace: true },
    );
  };

  const resolve = async (c: IdentityConflict, action: 'merge' | 'dismiss') => {
    setBusy(c.id);
    try {
      await (action === 'merge' ? conflictsApi.merge(c.id) : conflictsApi.dismiss(c.id));
      message.success(t(action === 'merge' ? 'conflicts.merged' : 'conflicts.dismissed', { id: c.id }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) message.warning(t('conflicts.alreadyResolved', { id: c.id }));
      else showError(err);
    } finally {
      setBusy(null);
      notifyConflictsChanged();
      table.reload({ silent: true });
    }
  };

  const columns: TableColumnsType<IdentityConflict> = [
    { title: t('conflicts.col.id'), dataIndex: 'id', key: 'id', render: (id: number) => `#${id}` },
    {
      title: t('conflicts.col.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      className: 'll-nowrap',
      render: formatDateTime,
    },
    {
      title: t('conflicts.col.identityType'),
      dataIndex: 'identityType',
      key: 'identityType',
      className: 'll-nowrap',
      render: (v: string | null) => (v ? <Tooltip title={v}>{identityTypeLabel(tr, v)}</Tooltip> : '—'),
    },
    {
      title: t('conflicts.col.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (v: string | null) => <div style={{ minWidth: 180, maxWidth: 300 }}>{v || '—'}</div>,
    },
    {
      title: t('conflicts.col.source'),
      dataIndex: 'source',
      key: 'source',
      render: (v: string | null) => (v ? sourceLabel(tr, v) : '—'),
    },
    {
      title: t('conflicts.col.customers'),
      key: 'customers',
      render: (_, c) => {
        // older servers sent ids only: then nobody is known to be missing
        const parties = c.customers ? new Map(c.customers.map((p) => [p.id, p])) : null;
        return (
          <Flex vertical gap={2} data-testid="conflict-customers">
            {c.customerIds.map((id) => (
              <ConflictCustomer key={id} id={id} party={parties?.get(id)} missing={parties !== null && !parties.has(id)} />
            ))}
          </Flex>
        );
      },
    },
    {
      title: t('conflicts.col.status'),
      key: 'status',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Tag color={STATUS_COLOR[c.status] ?? 'default'} data-testid="conflict-status">
            {conflictStatusLabel(tr, c.status)}
          </Tag>
          {c.resolvedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} className="ll-nowrap">
              {t('conflicts.resolvedBy', { time: formatDateTime(c.resolvedAt), actor: c.resolvedBy ?? '—' })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, c) =>
        c.status === 'OPEN' ? (
          <Space size={0} wrap>
            <Popconfirm
              title={t('conflicts.confirmMergeTitle')}
              description={<div style={{ maxWidth: 340 }}>{t('conflicts.confirmMerge', { count: c.customerIds.length })}</div>}
              onConfirm={() => resolve(c, 'merge')}
              okText={t('conflicts.merge')}
              cancelText={t('common.cancel')}
            >
              <Button
                type="link"
                size="small"
                icon={<MergeCellsOutlined />}
                loading={busy === c.id}
                disabled={busy !== null && busy !== c.id}
                data-testid="conflict-merge"
              >
                {t('conflicts.merge')}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={t('conflicts.confirmDismissTitle')}
              description={<div style={{ maxWidth: 340 }}>{t('conflicts.confirmDismiss')}</div>}
              onConfirm={() => resolve(c, 'dismiss')}
              okText={t('conflicts.dismiss')}
              cancelText={t('common.cancel')}
            >
              <Button
                type="link"
                size="small"
                icon={<ApartmentOutlined />}
                disabled={busy !== null}
                data-testid="conflict-dismiss"
              >
                {t('conflicts.dismiss')}
              </Button>
            </Popconfirm>
          </Space>
        ) : null,
    });
  }

  return (
    <>
      <PageHeader title={t('conflicts.title')} subtitle={t('conflicts.subtitle')} />
      <Card className="ll-table-card">
        <Flex gap={8} wrap className="ll-filters">
          <Select<StatusChoice>
            style={{ width: 180 }}
            value={statusValue}
            onChange={setStatus}
            options={[
              ...CONFLICT_STATUSES.map((s) => ({ value: s, label: conflictStatusLabel(tr, s) })),
              { value: 'ALL' as const, label: `${t('conflicts.filterStatus')}: ${t('common.all')}` },
            ]}
            data-testid="conflicts-filter-status"
          />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => table.reload()} aria-label={t('common.refresh')} />
          </Tooltip>
        </Flex>
        <Table<IdentityConflict>
          rowKey="id"
          columns={columns}
          dataSource={table.items}
          loading={table.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(c) => (c.id === highlight ? 'll-row-highlight' : '')}
          locale={{
            emptyText: (
              <TableEmpty
                error={table.error}
                onRetry={() => table.reload()}
                description={statusValue === 'OPEN' ? t('conflicts.emptyOpen') : t('common.empty')}
              />
            ),
          }}
          data-testid="conflicts-table"
        />
        <CursorPager table={table} />
      </Card>
    </>
  );
}
