import { Alert, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { importsApi } from '../../api/services';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { ImportHistory } from './ImportHistory';
import { UploadCard } from './UploadCard';

/** Uploading platform exports (with `order.write`) and the history of imports. */
export default function ImportsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const canWrite = can('order.write');

  return (
    <>
      <PageHeader
        title={t('imports.title')}
        subtitle={t('imports.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={importsApi.templateUrl()} download data-testid="imports-template-button">
            {t('imports.template')}
          </Button>
        }
      />
      {canWrite ? (
        <UploadCard onUploaded={(v) => navigate(`/imports/${encodeURIComponent(v.id)}`)} />
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('imports.readOnly')} data-testid="imports-read-only" />
      )}
      <ImportHistory />
    </>
  );
}
