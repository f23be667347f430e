import { Badge } from 'antd';
import { useOpenConflictCount } from '../hooks/useOpenConflictCount';
import { useI18n } from '../i18n/I18nProvider';

/** The number of OPEN identity conflicts next to the Conflicts menu item; nothing when there are none. */
export function OpenConflictsBadge() {
  const { t } = useI18n();
  const count = useOpenConflictCount(true);
  if (!count) return null;
  return (
    <Badge
      count={count}
      size="small"
      overflowCount={Number.MAX_SAFE_INTEGER}
      style={{ marginInlineStart: 8, boxShadow: 'none' }}
      title={t('nav.conflictsBadge', { count })}
      data-testid="nav-conflicts-badge"
    />
  );
}
