import { Button, Empty, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';

/**
 * A table's empty text: after a failed fetch a retry button (the error itself was shown as a message),
 * otherwise `description` (or "No data").
 */
export function TableEmpty({ error, onRetry, description }: { error?: unknown; onRetry?: () => void; description?: string }) {
  const { t } = useI18n();
  if (error) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={<Typography.Text type="danger">{t('common.loadFailed')}</Typography.Text>}
        data-testid="table-error"
      >
        {onRetry && (
          <Button icon={<ReloadOutlined />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Empty>
    );
  }
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('common.empty')} />;
}
