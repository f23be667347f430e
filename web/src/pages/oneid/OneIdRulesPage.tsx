import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Input, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { oneIdApi, type IdentityType } from '../../api/oneid';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { filterIdentityTypes, sortIdentityTypes } from '../../lib/oneid';
import { IdentityTypeFormModal } from './IdentityTypeFormModal';
import { TraitRulesCard } from './TraitRulesCard';

/** One-ID's settings: the identity types people are joined by, and how their traits merge. */
export default function OneIdRulesPage() {
  const tr = useI18n();
  const { t } = tr;
  const { can } = useAuth();
  const canManage = can('settings.manage');
  const showError = useApiError();
  const [types, setTypes] = useState<IdentityType[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState('');
  const [modal, setModal] = useState<{ open: boolean; key: number }>({ open: false, key: 0 });

  const load = useCallback(() => {
    setLoading(true);
    oneIdApi
      .identityTypes()
      .then((list) => {
        setTypes(list);
        setError(null);
      })
      .catch((e: unknown) => {
        setError(e);
        showError(e);
      })
      .finally(() => setLoading(false));
  }, [showError]);

  useEffect(load, [load]);

  // a built-in type is named in the user's language; a custom one by the name its merchant gave it
  const nameOf = useCallback(
    (type: IdentityType) => (type.builtin ? tr.tOr(`identity.type.${type.code}`, type.displayName) : type.displayName),
    [tr],
  );
  const visible = useMemo(() => sortIdentityTypes(filterIdentityTypes(types, query, nameOf)), [types, query, nameOf]);

  const columns: TableColumnsType<IdentityType> = [
    {
      title: t('oneid.types.col.code'),
      dataIndex: 'code',
      key: 'code',
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t('oneid.types.col.name'),
      key: 'name',
      render: (_, type) => nameOf(type),
    },
    {
      title: <Tooltip title={t('oneid.types.col.priorityHelp')}>{t('oneid.types.col.priority')}</Tooltip>,
      dataIndex: 'priority',
      key: 'priority',
      align: 'right',
    },
    {
      title: t('oneid.types.col.limit'),
      dataIndex: 'maxPerCustomer',
      key: 'limit',
      align: 'right',
      render: (limit: number | null) =>
        limit === null ? <Typography.Text type="secondary">{t('oneid.types.noLimit')}</Typography.Text> : limit,
    },
    {
      title: t('oneid.types.col.shopScoped'),
      dataIndex: 'shopScoped',
      key: 'shopScoped',
      render: (scoped: boolean) => (scoped ? t('common.yes') : t('common.no')),
    },
    {
      title: t('oneid.types.col.pii'),
      dataIndex: 'pii',
      key: 'pii',
      render: (pii: boolean) => (pii ? <Tag color="gold">{t('oneid.types.piiTag')}</Tag> : t('common.no')),
    },
    {
      title: t('oneid.types.col.kind'),
      dataIndex: 'builtin',
      key: 'kind',
      render: (builtin: boolean) =>
        builtin ? (
          <Tag data-testid="idtype-builtin">{t('oneid.types.builtin')}</Tag>
        ) : (
          <Tag color="purple" data-testid="idtype-custom">
            {t('oneid.types.custom')}
          </Tag>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('oneid.title')} subtitle={t('oneid.subtitle')} />
      {!canManage && (
        <Alert type="info" showIcon message={t('oneid.readOnly')} style={{ marginBottom: 16 }} data-testid="oneid-readonly" />
      )}
      <Flex vertical gap={16}>
        <Card
          title={t('oneid.types.title')}
          data-testid="identity-types"
          extra={
            canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal((m) => ({ open: true, key: m.key + 1 }))} data-testid="idtype-add">
                {t('oneid.types.add')}
              </Button>
            )
          }
        >
          <Typography.Paragraph type="secondary">{t('oneid.types.help')}</Typography.Paragraph>
          <Flex gap={8} wrap className="ll-filters">
            <Input.Search
              allowClear
              placeholder={t('oneid.types.search')}
              style={{ width: 280 }}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="idtype-search"
            />
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={load} aria-label={t('common.refresh')} />
            </Tooltip>
          </Flex>
          <Table<IdentityType>
            rowKey="code"
            columns={columns}
            dataSource={visible}
            loading={loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <TableEmpty error={error} onRetry={load} description={query.trim() ? t('oneid.types.noMatch') : t('oneid.types.empty')} />
              ),
            }}
            data-testid="idtype-table"
          />
        </Card>
        <TraitRulesCard canManage={canManage} />
      </Flex>
      <IdentityTypeFormModal
        key={modal.key}
        open={modal.open}
        onClose={() => setModal((m) => ({ ...m, open: false }))}
        onCreated={(created) => {
          setModal((m) => ({ ...m, open: false }));
          setTypes((list) => [...list.filter((x) => x.code !== created.code), created]);
          load();
        }}
      />
    </>
  );
}
