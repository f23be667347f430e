import { Descriptions, Tag, Typography } from 'antd';
import type { RfmScale } from '../../api/metrics';
import type { Amount } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';
import { modeLabel } from './labels';

function boundaries(values: Amount[], lang: string): string {
  return values
    .map((v) => {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(n) : String(v);
    })
    .join(' / ');
}

/** The scale scores were computed with: mode, day, purchasers and the four boundaries per dimension. */
export function ScaleSummary({ scale, testId }: { scale: RfmScale | null | undefined; testId?: string }) {
  const tr = useI18n();
  const { t, lang } = tr;
  if (!scale) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('rfm.scale.none')}
      </Typography.Text>
    );
  }
  return (
    <Descriptions size="small" column={1} data-testid={testId}>
      <Descriptions.Item label={t('rfm.scale.mode')}>
        <Tag color={scale.mode === 'THRESHOLDS' ? 'purple' : 'blue'} data-testid={testId ? `${testId}-mode` : undefined}>
          {modeLabel(tr, scale.mode)}
        </Tag>
        <Typography.Text type="secondary">
          {t('rfm.scale.asOf', { date: scale.asOf, count: formatNumber(scale.customers, lang) })}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('rfm.scale.recency')}>
        <span className="ll-mono">{boundaries(scale.recency, lang)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('rfm.scale.frequency')}>
        <span className="ll-mono">{boundaries(scale.frequency, lang)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('rfm.scale.monetary')}>
        <span className="ll-mono">{boundaries(scale.monetary, lang)}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}
