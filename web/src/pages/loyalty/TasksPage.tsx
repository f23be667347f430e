import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { loyaltyApi, type Badge, type LoyaltyTask } from '../../api/loyalty';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';
import { LoyaltyNav } from './LoyaltyNav';
import { BadgeFormDrawer, TaskFormDrawer, actionLabel, periodLabel, ruleLabel } from './TaskForms';

/** Which form is open: a task or badge, null inside to create one. */
type Editing = { kind: 'task'; task: LoyaltyTask | null } | { kind: 'badge'; badge: Badge | null } | null;

/** `/loyalty/tasks`: the tasks members earn points by (签到, 分享, 测评, custom events) and the badges they are awarded. */
export default function TasksPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const manage = can('loyalty.manage');
  const { message } = App.useApp();
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [tasks, setTasks] = useState<LoyaltyTask[] | null>(null);
  const [badges, setBadges] = useState<Badge[] | null>(null);
  const [tasksError, setTasksError] = useState<unknown>(null);
  const [badgesError, setBadgesError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState<Editing>(null);
  const [installing, setInstalling] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setTasksError(null);
    setBadgesError(null);
    loyaltyApi
      .tasks(controller.signal)
      .then((l) => !controller.signal.aborted && setTasks(l))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setTasksError(e);
        setTasks([]);
      });
    loyaltyApi
      .badges(controller.signal)
      .then((l) => !controller.signal.aborted && setBadges(l))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setBadgesError(e);
        setBadges([]);
      });
    return () => controller.abort();
  }, [tick]);

  const refresh = () => setTick((n) => n + 1);

  const installTemplate = () => {
    setInstalling(true);
    loyaltyApi
      .installTemplate()
      .then(() => {
        message.success(t('loyalty.template.installed'));
        refresh();
      })
      .catch(showError)
      .finally(() => setInstalling(false));
  };

  const activeTag = (active: boolean) =>
    active ? <Tag color="green">{t('loyalty.tasks.on')}</Tag> : <Tag>{t('loyalty.tasks.off')}</Tag>;

  const taskColumns: TableColumnsType<LoyaltyTask> = [
    {
      title: t('loyalty.tasks.name'),
      key: 'name',
      render: (_, x) => (
        <div>
          <span data-testid="task-name">{x.name}</span>
          <div>
            <Typography.Text type="secondary" className="ll-mono" style={{ fontSize: 12 }}>
              {x.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('loyalty.tasks.period'), dataIndex: 'period', render: (p: string) => <span data-testid="task-period">{periodLabel(t, p)}</span> },
    {
      title: t('loyalty.tasks.action'),
      key: 'action',
      render: (_, x) => (
        <span data-testid="task-action">
          {actionLabel(t, x.action)}
          {x.eventName && (
            <Typography.Text type="secondary" className="ll-mono" style={{ marginLeft: 6 }}>
              {x.eventName}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('loyalty.tasks.reward'),
      dataIndex: 'rewardPoints',
      align: 'right',
      render: (n: number) => <span data-testid="task-reward">+{formatNumber(n, lang)}</span>,
    },
    {
      title: t('loyalty.tasks.limit'),
      dataIndex: 'limitPerPeriod',
      align: 'right',
      render: (n: number) => <span data-testid="task-limit">{formatNumber(n, lang)}</span>,
    },
    { title: t('loyalty.tasks.active'), dataIndex: 'active', render: activeTag },
  ];
  if (manage) {
    taskColumns.push({
      key: 'edit',
      width: 48,
      render: (_, x) => (
        <Tooltip title={t('common.edit')}>
          <Button type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing({ kind: 'task', task: x })} data-testid="task-edit" />
        </Tooltip>
      ),
    });
  }

  const badgeColumns: TableColumnsType<Badge> = [
    {
      title: t('loyalty.tasks.name'),
      key: 'name',
      render: (_, x) => (
        <div>
          <span data-testid="badge-name">{x.name}</span>
          <div>
            <Typography.Text type="secondary" className="ll-mono" style={{ fontSize: 12 }}>
              {x.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('loyalty.badges.rule'), dataIndex: 'rule', render: (r: string) => <span data-testid="badge-rule">{ruleLabel(t, r)}</span> },
    {
      title: t('loyalty.badges.threshold'),
      dataIndex: 'threshold',
      align: 'right',
      render: (n: number) => <span data-testid="badge-threshold">{formatNumber(n, lang)}</span>,
    },
    { title: t('loyalty.tasks.active'), dataIndex: 'active', render: activeTag },
  ];
  if (manage) {
    badgeColumns.push({
      key: 'edit',
      width: 48,
      render: (_, x) => (
        <Tooltip title={t('common.edit')}>
          <Button type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing({ kind: 'badge', badge: x })} data-testid="badge-edit" />
        </Tooltip>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('loyalty.tasks.title')}
        subtitle={t('loyalty.tasks.subtitle')}
        extra={
          <>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} data-testid="tasks-refresh" />
            </Tooltip>
            {manage && (
              <Popconfirm title={t('loyalty.template.confirm')} description={t('loyalty.tasks.templateHelp')} onConfirm={installTemplate}>
                <Button icon={<ThunderboltOutlined />} loading={installing} data-testid="tasks-install-template">
                  {t('loyalty.template.button')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <LoyaltyNav />
      <Card
        className="ll-table-card"
        title={t('loyalty.tasks.tasks')}
        style={{ marginBottom: 16 }}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'task', task: null })} data-testid="tasks-add">
              {t('loyalty.tasks.add')}
            </Button>
          )
        }
      >
        <Table<LoyaltyTask>
          rowKey="code"
          size="small"
          loading={tasks === null}
          dataSource={tasks ?? []}
          columns={taskColumns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(x) => ({ 'data-code': x.code, 'data-testid': 'task-row' }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <TableEmpty error={tasksError} onRetry={refresh} description={t('loyalty.tasks.empty')} /> }}
          data-testid="tasks-table"
        />
      </Card>
      <Card
        className="ll-table-card"
        title={t('loyalty.badges.title')}
        extra={
          manage && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'badge', badge: null })} data-testid="badges-add">
              {t('loyalty.badges.add')}
            </Button>
          )
        }
      >
        <Table<Badge>
          rowKey="code"
          size="small"
          loading={badges === null}
          dataSource={badges ?? []}
          columns={badgeColumns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(x) => ({ 'data-code': x.code, 'data-testid': 'badge-row' }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <TableEmpty error={badgesError} onRetry={refresh} description={t('loyalty.badges.empty')} /> }}
          data-testid="badges-table"
        />
      </Card>
      {!manage && (
        <Space style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('loyalty.tasks.readOnly')}</Typography.Text>
        </Space>
      )}
      {editing?.kind === 'task' && (
        <TaskFormDrawer
          task={editing.task}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
      {editing?.kind === 'badge' && (
        <BadgeFormDrawer
          badge={editing.badge}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
    </>
  );
}
