import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Input, Segmented, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { journeyTasksApi, type JourneyTask, type TaskFilter, type TaskStatus } from '../../api/journeys';
import type { PageRequest } from '../../api/services';
import { useAuth } from '../../auth/AuthContext';
import { CursorTableCard } from '../../components/CursorTable';
import { CustomerLink } from '../../components/CustomerLink';
import { PageHeader } from '../../components/PageHeader';
import { RefreshButton } from '../../components/RefreshButton';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { TaskStatusTag } from './JourneyTags';

/** Follow-up tasks journeys created for staff (care calls, review requests…): open or done, by assignee, completed here. */
export default function JourneyTasksPage() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const manage = can('journey.manage');
  const showError = useApiError();
  const [completing, setCompleting] = useState<string | null>(null);
  const fetchPage = useCallback((f: TaskFilter, p: PageRequest, signal: AbortSignal) => journeyTasksApi.list(f, p, signal), []);
  const table = useCursorTable<JourneyTask, TaskFilter>(fetchPage, { status: 'open' });

  const complete = async (task: JourneyTask) => {
    setCompleting(task.id);
    try {
      const done = await journeyTasksApi.complete(task.id);
      message.success(t('journeyTask.completed'));
      if (table.filters.status === 'open') table.reload({ silent: true });
      else table.replaceItem((x) => x.id === task.id, done);
    } catch (e) {
      showError(e);
    } finally {
      setCompleting(null);
    }
  };

  const columns: TableColumnsType<JourneyTask> = [
    {
      title: t('journeyTask.col.title'),
      key: 'title',
      render: (_, task) => (
        <>
          <Typography.Text strong data-testid="task-title">
            {task.title}
          </Typography.Text>
          {task.description && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0, maxWidth: 420 }} ellipsis={{ rows: 2, tooltip: task.description }}>
              {task.description}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    { title: t('journeyTask.col.customer'), key: 'customer', render: (_, task) => <CustomerLink id={task.customerId} name={task.customerName} /> },
    {
      title: t('journeyTask.col.journey'),
      key: 'journey',
      render: (_, task) => <Link to={`/journeys/${encodeURIComponent(task.journeyId)}`}>{task.journeyName}</Link>,
    },
    { title: t('journeyTask.col.assignee'), dataIndex: 'assignee', render: (a: string | null) => a ?? t('journeyTask.unassigned') },
    {
      title: t('journeyTask.col.dueAt'),
      dataIndex: 'dueAt',
      className: 'll-nowrap',
      render: (d: string | null, task) => (
        <Typography.Text type={task.status === 'open' && d && new Date(d).getTime() < Date.now() ? 'danger' : undefined}>{formatDateTime(d)}</Typography.Text>
      ),
    },
    { title: t('journeyTask.col.status'), dataIndex: 'status', render: (s: TaskStatus) => <TaskStatusTag status={s} /> },
    {
      title: t('journeyTask.col.done'),
      key: 'done',
      className: 'll-nowrap',
      render: (_, task) => (task.doneAt ? `${formatDateTime(task.doneAt)}${task.doneBy ? ` · ${task.doneBy}` : ''}` : '—'),
    },
  ];
  // managers complete any task; everyone else (an agent) their own and unassigned ones, as the API allows
  const mayComplete = (task: { assignee?: string | null }) => manage || !task.assignee || task.assignee === me?.username;
  {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, task) =>
        task.status === 'open' && mayComplete(task) ? (
          <Button size="small" type="primary" ghost icon={<CheckOutlined />} loading={completing === task.id} onClick={() => void complete(task)} data-testid="task-complete">
            {t('journeyTask.complete')}
          </Button>
        ) : null,
    });
  }

  return (
    <>
      <PageHeader
        title={t('journeyTask.title')}
        subtitle={t('journeyTask.subtitle')}
        extra={<RefreshButton onClick={() => table.reload()} />}
      />
      <CursorTableCard
        table={table}
        columns={columns}
        rowKey="id"
        testId="tasks-table"
        rowClassName={(task) => (task.status === 'done' ? 'll-row-muted' : '')}
        emptyText={t('journeyTask.empty')}
        filters={
          <>
            <Segmented
              value={table.filters.status ?? 'all'}
              options={[
                { value: 'open', label: t('journeyTask.status.open') },
                { value: 'done', label: t('journeyTask.status.done') },
                { value: 'all', label: t('common.all') },
              ]}
              onChange={(v) => table.setFilters((f) => ({ ...f, status: v === 'all' ? undefined : (v as TaskStatus) }))}
              data-testid="tasks-filter-status"
            />
            <Input.Search
              allowClear
              placeholder={t('journeyTask.assigneeFilter')}
              style={{ width: 220 }}
              onSearch={(v) => table.setFilters((f) => ({ ...f, assignee: v.trim() || undefined }))}
              data-testid="tasks-filter-assignee"
            />
            {me && (
              <Button
                type={table.filters.assignee === me.username ? 'primary' : 'default'}
                onClick={() => table.setFilters((f) => ({ ...f, assignee: f.assignee === me.username ? undefined : me.username }))}
                data-testid="tasks-mine"
              >
                {t('journeyTask.mine')}
              </Button>
            )}
          </>
        }
      />
    </>
  );
}
