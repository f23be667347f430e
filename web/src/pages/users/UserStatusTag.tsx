import { Space, Tag, Tooltip } from 'antd';
import type { User } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime, isLocked } from '../../lib/format';

export function UserStatusTag({ user }: { user: User }) {
  const { t } = useI18n();
  let tag;
  if (isLocked(user.lockedUntil)) {
    tag = (
      <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
        <Tag color="orange">{t('users.status.locked')}</Tag>
      </Tooltip>
    );
  } else if (!user.enabled) {
    tag = <Tag color="default">{t('users.status.disabled')}</Tag>;
  } else {
    tag = <Tag color="green">{t('users.status.enabled')}</Tag>;
  }
  return (
    <Space size={4} wrap>
      {tag}
      {user.mustChangePassword && <Tag color="gold">{t('users.mustChange')}</Tag>}
    </Space>
  );
}
