import { useCallback, useState } from 'react';
import { App, Button, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  PURPOSES,
  channelsApi,
  messageTemplatesApi,
  type Channel,
  type MessageTemplate,
  type Purpose,
  type TemplateFilter,
} from '../../api/messaging';
import type { PageRequest } from '../../api/services';
import { useAuth } from '../../auth/AuthContext';
import { CursorTableCard } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { RefreshButton } from '../../components/RefreshButton';
import { TableFilterSelect, TableSearch } from '../../components/TableFilters';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useFetched } from '../../hooks/useFetched';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { templateInputOf } from '../../lib/messaging';
import { MessagingNav } from './MessagingNav';
import { ChannelTypeTag, PurposeTag } from './MessagingTags';
import { TemplateEditor } from './TemplateEditor';

/** Templates: search, channel and purpose filters, cursor pages; the editor with preview; archive and restore. */
export default function TemplatesPage() {
  const { t, tOr } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('messaging.manage');
  const showError = useApiError();
  const { data: channels } = useFetched<Channel[]>((signal) => channelsApi.list(signal), 'channels', []);
  const fetchPage = useCallback((f: TemplateFilter, p: PageRequest, signal: AbortSignal) => messageTemplatesApi.list(f, p, signal), []);
  const table = useCursorTable<MessageTemplate, TemplateFilter>(fetchPage, {});
  const [editing, setEditing] = useState<MessageTemplate | null | undefined>(undefined);
  const byId = new Map((channels ?? []).map((c) => [c.id, c]));

  const setStatus = async (tpl: MessageTemplate, status: 'active' | 'archived') => {
    try {
      const saved = await messageTemplatesApi.update(tpl.id, { ...templateInputOf(tpl), status });
      table.replaceItem((x) => x.id === tpl.id, saved);
      message.success(t(status === 'archived' ? 'msg.template.archived' : 'msg.template.restored', { name: tpl.name }));
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<MessageTemplate> = [
    {
      title: t('msg.template.name'),
      key: 'name',
      render: (_, tpl) => (
        <Typography.Link onClick={() => setEditing(tpl)} data-testid="template-link">
          {tpl.name}
        </Typography.Link>
      ),
    },
    {
      title: t('msg.template.channel'),
      key: 'channel',
      render: (_, tpl) => {
        const c = byId.get(tpl.channelId);
        return c ? (
          <>
            {c.name} <ChannelTypeTag type={c.type} />
          </>
        ) : (
          <Typography.Text type="secondary">{tpl.channelId.slice(0, 8)}</Typography.Text>
        );
      },
    },
    { title: t('msg.template.purpose'), dataIndex: 'purpose', render: (p: Purpose) => <PurposeTag purpose={p} /> },
    {
      title: t('msg.template.status'),
      dataIndex: 'status',
      render: (s: string) => (
        <Tag color={s === 'active' ? 'green' : 'default'} data-testid="template-status">
          {tOr(`msg.template.status.${s}`, s)}
        </Tag>
      ),
    },
    { title: t('msg.col.updatedAt'), dataIndex: 'updatedAt', className: 'll-nowrap', render: formatDateTime },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, tpl) =>
        tpl.status === 'active' ? (
          <Button size="small" onClick={() => void setStatus(tpl, 'archived')} data-testid="template-archive">
            {t('msg.template.archive')}
          </Button>
        ) : (
          <Button size="small" onClick={() => void setStatus(tpl, 'active')} data-testid="template-restore">
            {t('msg.template.restore')}
          </Button>
        ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('msg.title')}
        subtitle={t('msg.templates.subtitle')}
        extra={
          <>
            <RefreshButton onClick={() => table.reload()} />
            {manage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                disabled={!channels || channels.length === 0}
                onClick={() => setEditing(null)}
                data-testid="template-new"
              >
                {t('msg.template.new')}
              </Button>
            )}
          </>
        }
      />
      <MessagingNav />
      <CursorTableCard<MessageTemplate, TemplateFilter>
        table={table}
        columns={columns}
        rowKey="id"
        testId="templates-table"
        emptyText={channels && channels.length === 0 ? t('msg.templates.noChannels') : t('msg.templates.empty')}
        filters={
          <>
            <TableSearch table={table} placeholder={t('msg.templates.search')} testId="templates-search" />
            <TableFilterSelect
              table={table}
              field="channelId"
              placeholder={t('msg.template.channel')}
              width={220}
              options={(channels ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
            <TableFilterSelect
              table={table}
              field="purpose"
              placeholder={t('msg.template.purpose')}
              options={PURPOSES.map((p) => ({ value: p, label: tOr(`msg.purpose.${p}`, p) }))}
            />
          </>
        }
      />
      {editing !== undefined && channels && (
        <TemplateEditor
          template={editing}
          channels={channels}
          onClose={() => setEditing(undefined)}
          onSaved={() => table.reload({ silent: true })}
        />
      )}
    </>
  );
}
