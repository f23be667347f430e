import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  CHANNEL_KINDS,
  SUPPRESSION_REASONS,
  consentsApi,
  suppressionsApi,
  type ChannelKind,
  type Consent,
  type Consents,
  type EffectiveConsent,
  type Purpose,
  type Suppression,
  type SuppressionFilter,
  type SuppressionReason,
} from '../../api/messaging';
import type { PageRequest } from '../../api/services';
import { useAuth } from '../../auth/AuthContext';
import { CursorTableCard } from '../../components/CursorTable';
import { CustomerLink } from '../../components/CustomerLink';
import { CustomerPicker } from '../../components/CustomerPicker';
import { PageHeader } from '../../components/PageHeader';
import { RefreshButton } from '../../components/RefreshButton';
import { TableFilterSelect, TableSearch } from '../../components/TableFilters';
import { useApiError, useFormErrorHandler } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useFetched } from '../../hooks/useFetched';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { SOURCE_MAX, suppressionAddressProblem } from '../../lib/messaging';
import { MessagingNav } from './MessagingNav';
import { useProblemText } from './rules';

const CONSENT_COLORS: Record<string, string> = {
  opted_in: 'green',
  opted_out: 'red',
  allowed_by_default: 'blue',
  not_opted_in: 'default',
};

function ConsentTag({ status }: { status: string }) {
  const { tOr } = useI18n();
  return (
    <Tag color={CONSENT_COLORS[status] ?? 'default'} data-testid="consent-status" data-status={status}>
      {tOr(`msg.consent.status.${status}`, status)}
    </Tag>
  );
}

/** Adds an address to the suppression list: channel, address (checked as the server normalises it), reason, source. */
function AddSuppressionModal({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const { t, tOr } = useI18n();
  const { message } = App.useApp();
  const onError = useFormErrorHandler();
  const problemText = useProblemText();
  const [form] = Form.useForm<{ channel: ChannelKind; address: string; reason: SuppressionReason; source?: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await suppressionsApi.add({ channel: v.channel, address: v.address.trim(), reason: v.reason, source: v.source?.trim() || null });
      message.success(t('msg.suppression.added'));
      onAdded();
    } catch (e) {
      onError(form, e, ['channel', 'address', 'reason', 'source']);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('msg.suppression.add')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('msg.suppression.addOk')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'suppression-add-submit' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ channel: 'email', reason: 'manual' }}>
        <Form.Item name="channel" label={t('msg.col.channel')} rules={[{ required: true, message: t('msg.v.required') }]}>
          <Select options={CHANNEL_KINDS.map((k) => ({ value: k, label: tOr(`msg.kind.${k}`, k) }))} data-testid="suppression-add-channel" />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('msg.col.address')}
          dependencies={['channel']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => {
                const problem = suppressionAddressProblem(getFieldValue('channel') as ChannelKind, value);
                return problem ? Promise.reject(new Error(problemText(problem))) : Promise.resolve();
              },
            }),
          ]}
        >
          <Input autoFocus data-testid="suppression-add-address" />
        </Form.Item>
        <Form.Item name="reason" label={t('msg.col.reason')}>
          <Select options={SUPPRESSION_REASONS.map((r) => ({ value: r, label: tOr(`msg.suppression.reason.${r}`, r) }))} data-testid="suppression-add-reason" />
        </Form.Item>
        <Form.Item name="source" label={t('msg.col.source')} rules={[{ max: SOURCE_MAX, message: t('msg.v.maxLength', { max: SOURCE_MAX }) }]}>
          <Input placeholder="manual" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SuppressionsCard() {
  const { t, tOr } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('messaging.manage');
  const showError = useApiError();
  const fetchPage = useCallback((f: SuppressionFilter, p: PageRequest, signal: AbortSignal) => suppressionsApi.list(f, p, signal), []);
  const table = useCursorTable<Suppression, SuppressionFilter>(fetchPage, {});
  const [adding, setAdding] = useState(false);
  const kindOptions = CHANNEL_KINDS.map((k) => ({ value: k, label: tOr(`msg.kind.${k}`, k) }));

  const remove = async (s: Suppression) => {
    try {
      await suppressionsApi.remove(s.id);
      message.success(t('msg.suppression.removed', { address: s.address }));
      table.reload({ silent: true });
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<Suppression> = [
    { title: t('msg.col.channel'), dataIndex: 'channel', render: (k: string) => tOr(`msg.kind.${k}`, k) },
    {
      title: t('msg.col.address'),
      dataIndex: 'address',
      render: (a: string) => (
        <span className="ll-mono" data-testid="suppression-address">
          {a}
        </span>
      ),
    },
    { title: t('msg.col.reason'), dataIndex: 'reason', render: (r: string) => <Tag>{tOr(`msg.suppression.reason.${r}`, r)}</Tag> },
    { title: t('msg.col.source'), dataIndex: 'source', render: (s: string | null) => s ?? '—' },
    { title: t('msg.col.createdAt'), dataIndex: 'createdAt', className: 'll-nowrap', render: formatDateTime },
    { title: t('msg.col.by'), dataIndex: 'createdBy', render: (s: string | null) => s ?? '—' },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) => (
        <Popconfirm
          title={t('msg.suppression.removeConfirm', { address: s.address })}
          okText={t('msg.suppression.remove')}
          cancelText={t('common.cancel')}
          onConfirm={() => remove(s)}
        >
          <Button size="small" danger data-testid="suppression-remove">
            {t('msg.suppression.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <>
      <Flex justify="space-between" align="center" style={{ margin: '8px 0' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('msg.suppression.title')}
        </Typography.Title>
        <Space>
          <RefreshButton onClick={() => table.reload()} />
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="suppression-add">
              {t('msg.suppression.add')}
            </Button>
          )}
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">{t('msg.suppression.help')}</Typography.Paragraph>
      <CursorTableCard<Suppression, SuppressionFilter>
        table={table}
        columns={columns}
        rowKey="id"
        testId="suppressions-table"
        emptyText={t('msg.suppression.empty')}
        filters={
          <>
            <TableSearch table={table} placeholder={t('msg.suppression.search')} width={280} testId="suppressions-search" />
            <TableFilterSelect table={table} field="channel" placeholder={t('msg.col.channel')} options={kindOptions} testId="suppressions-channel" />
          </>
        }
      />
      {adding && (
        <AddSuppressionModal
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            table.reload();
          }}
        />
      )}
    </>
  );
}

/** Records a customer's choice for one channel and purpose, with where it was made. */
function ChangeConsentModal({
  customerId,
  row,
  onClose,
  onChanged,
}: {
  customerId: string;
  row: EffectiveConsent;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, tOr } = useI18n();
  const { message } = App.useApp();
  const onError = useFormErrorHandler();
  const [form] = Form.useForm<{ status: 'opted_in' | 'opted_out'; source: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await consentsApi.set(customerId, row.channel, row.purpose, v.status, v.source.trim());
      message.success(t('msg.consent.changed'));
      onChanged();
    } catch (e) {
      onError(form, e, ['status', 'source']);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('msg.consent.changeTitle', { channel: tOr(`msg.kind.${row.channel}`, row.channel), purpose: tOr(`msg.purpose.${row.purpose}`, row.purpose) })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'consent-change-submit' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ status: row.status === 'opted_out' ? 'opted_in' : 'opted_out', source: 'console' }}>
        <Form.Item name="status" label={t('msg.consent.status')}>
          <Select
            options={(['opted_in', 'opted_out'] as const).map((s) => ({ value: s, label: tOr(`msg.consent.status.${s}`, s) }))}
            data-testid="consent-change-status"
          />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('msg.col.source')}
          extra={t('msg.consent.sourceHelp')}
          rules={[
            { required: true, whitespace: true, message: t('msg.v.required') },
            { max: SOURCE_MAX, message: t('msg.v.maxLength', { max: SOURCE_MAX }) },
          ]}
        >
          <Input data-testid="consent-change-source" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A customer's consents, per channel kind × purpose, what applies without a recorded choice, and the history. */
export function CustomerConsents({ customerId }: { customerId: string }) {
  const { t, tOr } = useI18n();
  const { can } = useAuth();
  const manage = can('messaging.manage');
  const { data, reload } = useFetched<Consents | undefined>((signal) => consentsApi.of(customerId, signal), customerId, undefined);
  const [changing, setChanging] = useState<EffectiveConsent | null>(null);
  const columns: TableColumnsType<EffectiveConsent> = [
    { title: t('msg.col.channel'), dataIndex: 'channel', render: (k: string) => tOr(`msg.kind.${k}`, k) },
    { title: t('msg.template.purpose'), dataIndex: 'purpose', render: (p: Purpose) => tOr(`msg.purpose.${p}`, p) },
    { title: t('msg.consent.status'), dataIndex: 'status', render: (s: string) => <ConsentTag status={s} /> },
    { title: t('msg.col.source'), dataIndex: 'source', render: (s: string | null, r) => (r.recorded ? s ?? '—' : t('msg.consent.notRecorded')) },
    { title: t('msg.consent.changedAt'), dataIndex: 'changedAt', className: 'll-nowrap', render: formatDateTime },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Button size="small" onClick={() => setChanging(r)} data-testid="consent-change">
          {t('msg.consent.change')}
        </Button>
      ),
    });
  }
  const historyColumns: TableColumnsType<Consent> = [
    { title: t('msg.consent.changedAt'), dataIndex: 'changedAt', className: 'll-nowrap', render: formatDateTime },
    { title: t('msg.col.channel'), dataIndex: 'channel', render: (k: string) => tOr(`msg.kind.${k}`, k) },
    { title: t('msg.template.purpose'), dataIndex: 'purpose', render: (p: Purpose) => tOr(`msg.purpose.${p}`, p) },
    { title: t('msg.consent.status'), dataIndex: 'status', render: (s: string) => <ConsentTag status={s} /> },
    { title: t('msg.col.source'), dataIndex: 'source', render: (s: string | null) => s ?? '—' },
    { title: t('msg.col.by'), dataIndex: 'changedBy', render: (s: string | null) => s ?? '—' },
  ];
  return (
    <div data-testid="consents">
      {data?.marketingDefault && (
        <Typography.Paragraph type="secondary">
          {t('msg.consent.default', { policy: tOr(`msg.consent.default.${data.marketingDefault}`, data.marketingDefault) })}
        </Typography.Paragraph>
      )}
      <Table<EffectiveConsent>
        size="small"
        rowKey={(r) => `${r.channel}:${r.purpose}`}
        loading={data === null}
        dataSource={data?.consents ?? []}
        columns={columns}
        pagination={false}
        data-testid="consents-table"
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('msg.consent.history')}
      </Typography.Title>
      <Table<Consent>
        size="small"
        rowKey={(r) => `${r.channel}:${r.purpose}:${r.changedAt}`}
        dataSource={data?.history ?? []}
        columns={historyColumns}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('msg.consent.noHistory') }}
        data-testid="consents-history"
      />
      {changing && (
        <ChangeConsentModal
          customerId={customerId}
          row={changing}
          onClose={() => setChanging(null)}
          onChanged={() => {
            setChanging(null);
            reload();
          }}
        />
      )}
    </div>
  );
}

/** Consent and suppression: the suppression list, and a customer's consents looked up by a customer search. */
export default function ConsentsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  return (
    <>
      <PageHeader title={t('msg.title')} subtitle={t('msg.consents.subtitle')} />
      <MessagingNav />
      <Card title={t('msg.consent.title')} style={{ marginBottom: 16 }} data-testid="consent-lookup">
        <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
          <CustomerPicker
            value={customerId}
            onChange={(id) => setParams(id ? { customerId: id } : {}, { replace: true })}
            testId="consent-customer"
            style={{ width: 420 }}
          />
          {customerId && <CustomerLink id={customerId} />}
        </Flex>
        {customerId ? <CustomerConsents customerId={customerId} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('msg.consent.pick')} />}
      </Card>
      <SuppressionsCard />
    </>
  );
}
