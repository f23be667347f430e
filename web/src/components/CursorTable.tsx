import type { ReactNode } from 'react';
import { Card, Flex, Table, type TableColumnsType } from 'antd';
import type { CursorTable as CursorTableState } from '../hooks/useCursorTable';
import { CursorPager } from './CursorPager';
import { TableEmpty } from './TableEmpty';

/**
 * A card with a filter row, a server-paged table of a {@link useCursorTable} state (its loading state, its error with a
 * retry as the empty text) and the pager below.
 */
export function CursorTableCard<T extends object, F>({
  table,
  columns,
  rowKey,
  filters,
  emptyText,
  rowClassName,
  size = 'middle',
  testId,
  cardTestId,
  children,
}: {
  table: CursorTableState<T, F>;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  filters?: ReactNode;
  emptyText: string;
  rowClassName?: (row: T) => string;
  size?: 'small' | 'middle';
  testId: string;
  cardTestId?: string;
  /** Shown under the pager (a note on the figures). */
  children?: ReactNode;
}) {
  return (
    <Card className="ll-table-card" size={size === 'small' ? 'small' : undefined} data-testid={cardTestId}>
      {filters && (
        <Flex gap={8} wrap align="center" className="ll-filters">
          {filters}
        </Flex>
      )}
      <Table<T>
        rowKey={rowKey}
        size={size}
        loading={table.loading}
        dataSource={table.items}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={rowClassName}
        locale={{ emptyText: <TableEmpty error={table.error} onRetry={() => table.reload()} description={emptyText} /> }}
        data-testid={testId}
      />
      <CursorPager table={table} />
      {children}
    </Card>
  );
}
