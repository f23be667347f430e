import { useState } from 'react';
import { Input, Select } from 'antd';
import type { CursorTable } from '../hooks/useCursorTable';

/** The text search of a cursor table's `q` filter: applied on Enter or the search button, cleared with the ×. */
export function TableSearch<T, F extends { q?: string }>({
  table,
  placeholder,
  width = 240,
  testId,
}: {
  table: CursorTable<T, F>;
  placeholder: string;
  width?: number;
  testId?: string;
}) {
  const [q, setQ] = useState(table.filters.q ?? '');
  return (
    <Input.Search
      allowClear
      value={q}
      onChange={(e) => setQ(e.target.value)}
      onSearch={(v) => table.setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
      placeholder={placeholder}
      style={{ width }}
      data-testid={testId}
    />
  );
}

/** A select over one filter of a cursor table (empty: no filter). */
export function TableFilterSelect<T, F, K extends keyof F & string>({
  table,
  field,
  options,
  placeholder,
  width = 160,
  testId,
}: {
  table: CursorTable<T, F>;
  field: K;
  options: { value: string; label: string }[];
  placeholder: string;
  width?: number;
  testId?: string;
}) {
  return (
    <Select
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={table.filters[field] as string | undefined}
      onChange={(v: string | undefined) => table.setFilters((f) => ({ ...f, [field]: v }))}
      options={options}
      data-testid={testId}
    />
  );
}
