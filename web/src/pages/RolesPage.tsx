import { useEffect, useMemo, useState } from 'react';
import { Card, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { rolesApi } from '../api/services';
import type { Permission, Role } from '../api/types';
import { PageHeader } from '../components/PageHeader';
import { useApiError } from '../hooks/useApiError';
import { useI18n } from '../i18n/I18nProvider';
import { moduleLabel, permissionLabel, roleLabel } from '../i18n/labels';

interface Row {
  key: string;
  code: string;
  module: string;
}

/** A read-only matrix: permissions (grouped by module) × roles. */
export default function RolesPage() {
  const tr = useI18n();
  const { t } = tr;
  const showError = useApiError();
  const [roles, setRoles] = useState<Role[]>([]);
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let alive = true;
    Promise.all([rolesApi.roles(), rolesApi.permissions()])
      .then(([r, p]) => {
        if (!alive) return;
        setRoles(r);
        setPermissions(p);
      })
      .catch((e: unknown) => alive && showError(e))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [showError]);

  const rows = useMemo<Row[]>(() => {
    const known = new Map(permissions.map((p) => [p.code, p.module]));
    // a role may name a permission the catalogue does not list: show it too
    for (const r of roles) for (const p of r.permissions) if (!known.has(p)) known.set(p, p.split('.')[0]);
    return [...known.entries()]
      .map(([code, module]) => ({ key: code, code, module }))
      .sort((a, b) => a.module.localeCompare(b.module) || a.code.localeCompare(b.code));
  }, [roles, permissions]);

  const columns: TableColumnsType<Row> = [
    {
      title: t('roles.module'),
      dataIndex: 'module',
      key: 'module',
      width: 140,
      className: 'll-nowrap',
      onCell: (row, index = 0) => {
        const first = rows.findIndex((r) => r.module === row.module);
        if (index !== first) return { rowSpan: 0 };
        return { rowSpan: rows.filter((r) => r.module === row.module).length };
      },
      render: (m: string) => <Tag>{moduleLabel(tr, m)}</Tag>,
    },
    {
      title: t('roles.permission'),
      dataIndex: 'code',
      key: 'code',
      render: (code: string) => (
        <div>
          <Typography.Text>{permissionLabel(tr, code)}</Typography.Text>
          <br />
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            {code}
          </Typography.Text>
        </div>
      ),
    },
    ...roles.map((role) => ({
      title: <Tooltip title={role.code}>{roleLabel(tr, role.code)}</Tooltip>,
      key: role.code,
      align: 'center' as const,
      width: 110,
      render: (_: unknown, row: Row) =>
        role.permissions.includes(row.code) ? (
          <CheckOutlined style={{ color: '#52c41a' }} aria-label={`${role.code} ${row.code}`} />
        ) : (
          <Typography.Text type="secondary">·</Typography.Text>
        ),
    })),
  ];

  return (
    <>
      <PageHeader title={t('roles.title')} subtitle={t('roles.subtitle')} />
      <Card className="ll-table-card">
        <Table<Row>
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          bordered
          size="middle"
          scroll={{ x: 'max-content' }}
          data-testid="roles-table"
        />
      </Card>
    </>
  );
}
