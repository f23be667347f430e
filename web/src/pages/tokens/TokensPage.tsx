import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { tokensApi } from '../../api/services';
import type { ApiToken, CreatedToken } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { permissionLabel } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { CreateTokenModal } from './CreateTokenModal';
import { TokenSecretModal } from './TokenSecretModal';
import { tokenStatus, type TokenStatus } from './tokenStatus';

const STATUS_COLOR: Record<TokenStatus, string> = { active: 'green', expired: 'default', revoked: 'red' };

export default function TokensPage() {
  const tr = useI18n();
  const { t } = tr;
  const { message } = App.useApp();
  const showError = useApiError();
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const [createKey, setCreateKey] = useState(0);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    tokensApi
      .list()
      .then((list) => setTokens([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt))))
      .catch(showError)
      .finally(() => setLoading(false));
  }, [showError]);

  useEffect(load, [load]);

  const revoke = async (token: ApiToken) => {
    try {
      await tokensApi.revoke(token.id);
      message.success(t('tokens.revoked', { name: token.name }));
      load();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.col.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('tokens.col.prefix'),
      dataIndex: 'prefix',
      key: 'prefix',
      render: (p: string) => <code>{p}…</code>,
    },
    {
      title: t('tokens.col.permissions'),
      dataIndex: 'permissions',
      key: 'permissions',
      render: (ps: string[]) => (
        <Space size={[4, 4]} wrap style={{ maxWidth: 360 }}>
          {ps.map((p) => (
            <Tooltip key={p} title={p}>
              <Tag>{permissionLabel(tr, p)}</Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    {
      title: t('tokens.col.status'),
      key: 'status',
      render: (_, tok) => {
        const s = tokenStatus(tok);
        return <Tag color={STATUS_COLOR[s]}>{t(`tokens.status.${s}`)}</Tag>;
      },
    },
    { title: t('tokens.col.createdAt'), dataIndex: 'createdAt', key: 'createdAt', className: 'll-nowrap', render: formatDateTime },
    { title: t('tokens.col.expiresAt'), dataIndex: 'expiresAt', key: 'expiresAt', className: 'll-nowrap', render: formatDateTime },
    {
      title: t('tokens.col.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      className: 'll-nowrap',
      render: (v: string | null) => (v ? formatDateTime(v) : t('common.never')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, tok) =>
        tokenStatus(tok) === 'revoked' ? null : (
          <Popconfirm
            title={t('tokens.confirmRevoke', { name: tok.name })}
            onConfirm={() => revoke(tok)}
            okText={t('common.yes')}
            cancelText={t('common.no')}
            okButtonProps={{ danger: true }}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="token-revoke">
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subtitle={t('tokens.subtitle')}
        extra={
          <>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={load} aria-label={t('common.refresh')} />
            </Tooltip>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setCreateKey((k) => k + 1);
                setCreating(true);
              }}
              data-testid="tokens-new"
            >
              {t('tokens.new')}
            </Button>
          </>
        }
      />
      <Card className="ll-table-card">
        <Table<ApiToken>
          rowKey="id"
          columns={columns}
          dataSource={tokens}
          loading={loading}
          pagination={tokens.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          data-testid="tokens-table"
        />
      </Card>
      <CreateTokenModal
        key={createKey}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          setCreated(c);
          load();
        }}
      />
      <TokenSecretModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
