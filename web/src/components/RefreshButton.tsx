import { Button, Tooltip } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';

/** The round "refresh" icon button of page headers and cards, with its tooltip and accessible name. */
export function RefreshButton({ onClick, size, type }: { onClick: () => void; size?: 'small'; type?: 'text' }) {
  const { t } = useI18n();
  return (
    <Tooltip title={t('common.refresh')}>
      <Button size={size} type={type} icon={<ReloadOutlined />} onClick={onClick} aria-label={t('common.refresh')} />
    </Tooltip>
  );
}
