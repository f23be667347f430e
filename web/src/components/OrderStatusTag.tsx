import { Tag } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { orderStatusLabel } from '../i18n/labels';

export const ORDER_STATUS_COLORS: Record<string, string> = {
  created: 'default',
  paid: 'blue',
  shipped: 'cyan',
  delivered: 'geekblue',
  completed: 'green',
  cancelled: 'default',
  refunded: 'red',
  partially_refunded: 'orange',
};

/** An order's status as a localized, coloured tag (unknown statuses raw). */
export function OrderStatusTag({ status }: { status: string }) {
  const tr = useI18n();
  return <Tag color={ORDER_STATUS_COLORS[status] ?? 'default'}>{orderStatusLabel(tr, status)}</Tag>;
}
