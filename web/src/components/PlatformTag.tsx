import { Tag } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { platformLabel } from '../i18n/labels';
import { PLATFORM_COLORS } from '../lib/shops';

/** A shop's platform as a coloured tag with its localized name (`淘宝`, `Shopify`…). */
export function PlatformTag({ platform }: { platform: string }) {
  const tr = useI18n();
  return (
    <Tag color={PLATFORM_COLORS[platform] ?? 'default'} data-testid="platform-tag">
      {platformLabel(tr, platform)}
    </Tag>
  );
}
