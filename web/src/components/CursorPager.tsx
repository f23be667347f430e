import { Button, Flex, Select, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { PAGE_SIZES, type CursorTable } from '../hooks/useCursorTable';
import { useI18n } from '../i18n/I18nProvider';

/** Previous/next buttons over a cursor stack, the page number and a page-size selector. */
export function CursorPager<T, F>({ table }: { table: CursorTable<T, F> }) {
  const { t } = useI18n();
  return (
    <Flex justify="flex-end" align="center" gap={8} wrap style={{ marginTop: 16 }}>
      <Button icon={<LeftOutlined />} disabled={!table.hasPrev || table.loading} onClick={table.prev} data-testid="pager-prev">
        {t('pager.prev')}
      </Button>
      <Typography.Text type="secondary" style={{ minWidth: 64, textAlign: 'center' }}>
        {t('pager.page', { page: table.page })}
      </Typography.Text>
      <Button disabled={!table.hasNext || table.loading} onClick={table.next} data-testid="pager-next">
        {t('pager.next')} <RightOutlined />
      </Button>
      <Select
        value={table.pageSize}
        onChange={table.setPageSize}
        style={{ width: 120 }}
        options={PAGE_SIZES.map((size) => ({ value: size, label: t('pager.pageSize', { size }) }))}
        aria-label="page size"
      />
    </Flex>
  );
}
