import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { customersApi } from '../api/services';
import type { CustomerSummary } from '../api/types';
import { useApiError } from '../hooks/useApiError';
import { useI18n } from '../i18n/I18nProvider';

/** How a customer is named in pickers: name, phone (masked unless allowed) and the start of the id. */
export function customerOptionLabel(c: CustomerSummary): string {
  return [c.displayName || '—', c.phone, c.id.slice(0, 8)].filter(Boolean).join(' · ');
}

/**
 * A customer search (the customers list's `q`: name, phone, e-mail, identity) as a select; the value is the customer
 * id, and a pasted id is taken as it is.
 */
export function CustomerPicker({
  value,
  onChange,
  testId,
  style,
}: {
  value?: string;
  onChange?: (id: string | undefined, customer?: CustomerSummary) => void;
  testId?: string;
  style?: React.CSSProperties;
}) {
  const { t } = useI18n();
  const showError = useApiError();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<CustomerSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const found = useRef(new Map<string, CustomerSummary>());

  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setLoading(true);
      customersApi
        .list(q.trim() ? { q: q.trim() } : {}, { limit: 20, cursor: null }, controller.signal)
        .then((page) => {
          if (controller.signal.aborted) return;
          page.items.forEach((c) => found.current.set(c.id, c));
          setOptions(page.items);
        })
        .catch((e: unknown) => !controller.signal.aborted && showError(e))
        .finally(() => !controller.signal.aborted && setLoading(false));
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [q, showError]);

  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(q.trim()) ? q.trim().toLowerCase() : null;
  const items = options.map((c) => ({ value: c.id, label: customerOptionLabel(c) }));
  if (uuid && !items.some((o) => o.value === uuid)) items.unshift({ value: uuid, label: uuid });

  return (
    <Select
      showSearch
      allowClear
      value={value}
      placeholder={t('customerPicker.placeholder')}
      filterOption={false}
      onSearch={setQ}
      onChange={(id: string | undefined) => onChange?.(id, id ? found.current.get(id) : undefined)}
      notFoundContent={loading ? <Spin size="small" /> : t('customerPicker.none')}
      options={items}
      style={{ minWidth: 280, ...style }}
      data-testid={testId}
    />
  );
}
