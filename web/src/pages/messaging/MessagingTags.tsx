import { Tag } from 'antd';
import type { ChannelType, DeliveryStatus, Purpose } from '../../api/messaging';
import { useI18n } from '../../i18n/I18nProvider';

const DELIVERY_COLORS: Record<DeliveryStatus, string> = {
  queued: 'blue',
  sending: 'processing',
  sent: 'cyan',
  delivered: 'green',
  failed: 'orange',
  skipped: 'default',
  dead: 'red',
};

/** A channel type (E-mail (SMTP), Aliyun SMS, …). */
export function ChannelTypeTag({ type }: { type: ChannelType }) {
  const { tOr } = useI18n();
  return <Tag data-testid="msg-channel-type">{tOr(`msg.type.${type}`, type)}</Tag>;
}

export function PurposeTag({ purpose }: { purpose: Purpose }) {
  const { tOr } = useI18n();
  return (
    <Tag color={purpose === 'marketing' ? 'magenta' : 'geekblue'} data-testid="msg-purpose">
      {tOr(`msg.purpose.${purpose}`, purpose)}
    </Tag>
  );
}

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { tOr } = useI18n();
  return (
    <Tag color={DELIVERY_COLORS[status] ?? 'default'} data-testid="delivery-status" data-status={status}>
      {tOr(`msg.delivery.status.${status}`, status)}
    </Tag>
  );
}

export function EnabledTag({ enabled }: { enabled: boolean }) {
  const { t } = useI18n();
  return (
    <Tag color={enabled ? 'green' : 'default'} data-testid="msg-channel-status">
      {t(enabled ? 'msg.channel.enabled' : 'msg.channel.disabled')}
    </Tag>
  );
}
