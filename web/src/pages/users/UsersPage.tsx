import { useState } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined, ReloadOutlined, StopOutlined, UnlockOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { usersApi } from '../../api/services';
import type { User, UserFilter } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useRoles } from '../../hooks/useRoles';
import { useI18n } from '../../i18n/I18nProvider';
import { roleLabel } from '../../i18n/labels';
import { formatDateTime, isLocked } from '../../lib/format';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormDrawer } from './UserFormDrawer';
import { UserStatusTag } from './UserStatusTag';

type EnabledFilter = 'all' | 'enabled' | 'disabled';

export default function UsersPage() {
  const tr = useI18n();
  const { t } = tr;
  const { can } = useAuth();
  const canManage = can('user.manage');
  const { message } = App.useApp();
  const showError = useApiError();
  const { roles } = useRoles();
  const table = useCursorTable<User, UserFilter>((f, p, signal) => usersApi.list(f, p, signal), {});

  const [drawer, setDrawer] = useState<{ open: boolean; user: User | null; key: number }>({ open: false, user: null, key: 0 });
  const [resetting, setResetting] = useState<{ user: User | null; key: number }>({ user: null, key: 0 });
  const [search, setSearch] = useState('');

  const openDrawer = (user: User | null) => setDrawer((d) => ({ open: true, user, key: d.key + 1 }));
  const closeDrawer = () => setDrawer((d) => ({ ...d, open: false }));

  const enabledValue: EnabledFilter =
    table.filters.enabled === undefined ? 'all' : table.filters.enabled ? 'enabled' : 'disabled';

  const toggleEnabled = async (u: User) => {
    try {
      const saved = await usersApi.update(u.id, {
        displayName: u.displayName,
        email: u.email,
        roles: u.roles,
        enabled: !u.enabled,
      });
      table.replaceItem((x) => x.id === u.id, saved);
      message.success(t(saved.enabled ? 'users.enabledMsg' : 'users.disabledMsg', { name: u.username }));
    } catch (err) {
      showError(err);
    }
  };

  const unlock = async (u: User) => {
    try {
      await usersApi.unlock(u.id);
      message.success(t('users.unlocked', { name: u.username }));
      table.reload({ silent: true });
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<User> = [
    { title: t('users.col.username'), dataIndex: 'username', key: 'username', className: 'll-nowrap' },
    { title: t('users.col.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.col.email'), dataIndex: 'email', key: 'email', render: (v: string | null) => v || '—' },
    {
      title: t('users.col.roles'),
      dataIndex: 'roles',
      key: 'roles',
      render: (rs: string[]) => (
        <Space size={[4, 4]} wrap>
          {rs.map((r) => (
            <Tag key={r} color="geekblue">
              {roleLabel(tr, r)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('users.col.status'), key: 'status', render: (_, u) => <UserStatusTag user={u} /> },
    {
      title: t('users.col.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      className: 'll-nowrap',
      render: (v: string | null) => (v ? formatDateTime(v) : t('common.never')),
    },
  ];

  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          <Tooltip title={t('users.action.edit')}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openDrawer(u)} data-testid="user-edit">
              {t('users.action.edit')}
            </Button>
          </Tooltip>
          <Popconfirm
            title={t(u.enabled ? 'users.confirmDisable' : 'users.confirmEnable', { name: u.username })}
            onConfirm={() => toggleEnabled(u)}
            okText={t('common.yes')}
            cancelText={t('common.no')}
          >
            <Button
              type="link"
              size="small"
              danger={u.enabled}
              icon={u.enabled ? <StopOutlined /> : <CheckCircleOutlined />}
              data-testid="user-toggle-enabled"
            >
              {t(u.enabled ? 'users.action.disable' : 'users.action.enable')}
            </Button>
          </Popconfirm>
          <Button
            type="link"
            size="small"
            icon={<KeyOutlined />}
            onClick={() => setResetting((r) => ({ user: u, key: r.key + 1 }))}
            data-testid="user-reset-password"
          >
            {t('users.action.resetPassword')}
          </Button>
          {isLocked(u.lockedUntil) && (
            <Button type="link" size="small" icon={<UnlockOutlined />} onClick={() => void unlock(u)} data-testid="user-unlock">
              {t('users.action.unlock')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openDrawer(null)} data-testid="users-new">
              {t('users.new')}
            </Button>
          )
        }
      />
      <Card className="ll-table-card">
        <Flex gap={8} wrap className="ll-filters">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            style={{ width: 280 }}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value && table.filters.q) table.setFilters((f) => ({ ...f, q: undefined }));
            }}
            onSearch={(q) => table.setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            data-testid="users-search"
          />
          <Select
            allowClear
            placeholder={t('users.filterRole')}
            style={{ width: 160 }}
            value={table.filters.role}
            onChange={(role?: string) => table.setFilters((f) => ({ ...f, role }))}
            options={roles.map((r) => ({ value: r.code, label: roleLabel(tr, r.code) }))}
            data-testid="users-filter-role"
          />
          <Select<EnabledFilter>
            style={{ width: 140 }}
            value={enabledValue}
            onChange={(v) =>
              table.setFilters((f) => ({ ...f, enabled: v === 'all' ? undefined : v === 'enabled' }))
            }
            options={[
              { value: 'all', label: `${t('users.filterStatus')}: ${t('common.all')}` },
              { value: 'enabled', label: t('users.status.enabled') },
              { value: 'disabled', label: t('users.status.disabled') },
            ]}
            data-testid="users-filter-enabled"
          />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => table.reload()} aria-label={t('common.refresh')} />
          </Tooltip>
        </Flex>
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={table.items}
          loading={table.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="users-table"
        />
        <CursorPager table={table} />
      </Card>
      <UserFormDrawer
        key={drawer.key}
        open={drawer.open}
        user={drawer.user}
        onClose={closeDrawer}
        onSaved={(u, created) => {
          closeDrawer();
          if (created) table.reload();
          else table.replaceItem((x) => x.id === u.id, u);
        }}
      />
      <ResetPasswordModal
        key={`reset-${resetting.key}`}
        user={resetting.user}
        onClose={() => setResetting((r) => ({ ...r, user: null }))}
        onDone={() => {
          setResetting((r) => ({ ...r, user: null }));
          table.reload({ silent: true });
        }}
      />
    </>
  );
}
