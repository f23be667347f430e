import { Tag, Tooltip } from 'antd';
import { CrownOutlined } from '@ant-design/icons';
import type { EntryKind } from '../../api/loyalty';
import { useI18n } from '../../i18n/I18nProvider';
import { entryKindLabel, tierChangeLabel } from '../../i18n/labels';

/** Colours of the tiers from the lowest up (普通, 银卡, 金卡, 钻石 …); higher ranks reuse the last. */
const TIER_COLORS = ['default', 'geekblue', 'gold', 'purple', 'magenta', 'volcano'];
const KIND_COLORS: Record<EntryKind, string> = { earn: 'green', spend: 'blue', expire: 'default', adjust: 'purple', reverse: 'orange' };
const CHANGE_COLORS: Record<string, string> = { upgraded: 'green', at_risk: 'orange', downgraded: 'red', kept: 'blue' };

/** A member's tier by name (code on hover); no tier as a plain tag. `rank` (1 = lowest) picks the colour. */
export function TierTag({ code, name, rank }: { code: string | null; name?: string | null; rank?: number | null }) {
  const { t } = useI18n();
  if (!code) {
    return (
      <Tag data-testid="tier-tag" data-tier="">
        {t('loyalty.tier.none')}
      </Tag>
    );
  }
  const color = TIER_COLORS[Math.min(Math.max((rank ?? 1) - 1, 0), TIER_COLORS.length - 1)];
  return (
    <Tooltip title={code}>
      <Tag color={color} icon={<CrownOutlined />} data-testid="tier-tag" data-tier={code}>
        {name || code}
      </Tag>
    </Tooltip>
  );
}

export function EntryKindTag({ kind }: { kind: EntryKind | string }) {
  const tr = useI18n();
  return (
    <Tag color={KIND_COLORS[kind as EntryKind] ?? 'default'} data-testid="entry-kind" data-kind={kind}>
      {entryKindLabel(tr, kind)}
    </Tag>
  );
}

export function TierChangeTag({ change }: { change: string }) {
  const tr = useI18n();
  return (
    <Tag color={CHANGE_COLORS[change] ?? 'default'} data-testid="tier-change" data-change={change}>
      {tierChangeLabel(tr, change)}
    </Tag>
  );
}
