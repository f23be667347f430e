import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api } from '../api/api';
import { customersApi } from '../api/services';
import { useAuth } from '../auth/AuthContext';
import { useApiError } from '../hooks/useApiError';
import { useI18n } from '../i18n/I18nProvider';

interface DemoStarted {
  jobId: string;
  importId: string;
}

/**
 * On an empty system, offers to load the demo merchant (four shops, customers, orders, events) so that a new team
 * can try every page at once. The load runs as a job; the card links to its progress.
 */
export function DemoDataCard() {
  const { t } = useI18n();
  const { can } = useAuth();
  const showError = useApiError();
  const allowed = can('shop.manage') && can('order.write') && can('customer.read');
  const [empty, setEmpty] = useState(false);
  const [started, setStarted] = useState<DemoStarted | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!allowed) return undefined;
    const controller = new AbortController();
    customersApi
      .list({}, { limit: 1, cursor: null }, controller.signal)
      .then((page) => setEmpty(page.items.length === 0))
      .catch(() => setEmpty(false));
    return () => controller.abort();
  }, [allowed]);

  if (!allowed || (!empty && !started)) return null;

  const load = async () => {
    setBusy(true);
    try {
      setStarted(await api.post<DemoStarted>('/demo:load', {}));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ marginTop: 16 }} data-testid="demo-card">
      <Flex gap={16} align="center" wrap="wrap">
        <ExperimentOutlined style={{ fontSize: 28, color: '#2f54eb' }} />
        <div style={{ flex: 1, minWidth: 240 }}>
          <Typography.Text strong>{t('demo.title')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('demo.description')}
          </Typography.Paragraph>
        </div>
        {started ? (
          <Alert
            type="success"
            showIcon
            message={t('demo.started')}
            action={<Link to={`/jobs/${encodeURIComponent(started.jobId)}`} data-testid="demo-job">{t('demo.progress')}</Link>}
          />
        ) : (
          <Button type="primary" loading={busy} onClick={() => void load()} data-testid="demo-load">
            {t('demo.load')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
