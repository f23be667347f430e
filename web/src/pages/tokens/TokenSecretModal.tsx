import { Alert, Button, Modal, Typography } from 'antd';
import type { CreatedToken } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

/** Shows a new token's secret exactly once, with a copy button. */
export function TokenSecretModal({ created, onClose }: { created: CreatedToken | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={created !== null}
      title={t('tokens.secret.title')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-done">
          {t('tokens.secret.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('tokens.secret.warning')} style={{ marginBottom: 16 }} />
      {created && (
        <>
          <Typography.Text strong>{created.token.name}</Typography.Text>
          <Typography.Paragraph
            code
            copyable={{ text: created.secret, tooltips: [t('common.copy'), t('common.copied')] }}
            style={{ marginTop: 8, wordBreak: 'break-all', fontSize: 14 }}
          >
            <span data-testid="token-secret">{created.secret}</span>
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
