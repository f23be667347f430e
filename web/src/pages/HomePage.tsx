import { useEffect, useState } from 'react';
import { Card, Col, Flex, Row, Space, Statistic, Tag, Typography } from 'antd';
import { ClockCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { jobsApi } from '../api/services';
import type { JobStatus } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { DemoDataCard } from '../components/DemoDataCard';
import { PageHeader } from '../components/PageHeader';
import { useApiError } from '../hooks/useApiError';
import { useI18n } from '../i18n/I18nProvider';
import { roleLabel } from '../i18n/labels';
import { navEntries } from '../nav';

const COUNT_LIMIT = 100;

/** Counts jobs of a status from one page of the jobs API; "100+" when there are more. */
function useJobCount(status: JobStatus, enabled: boolean): string | null {
  const showError = useApiError();
  const [count, setCount] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    jobsApi
      .list({ status }, { limit: COUNT_LIMIT, cursor: null }, controller.signal)
      .then((page) => setCount(page.nextCursor ? `${COUNT_LIMIT}+` : String(page.items.length)))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) showError(e);
      });
    return () => controller.abort();
  }, [status, enabled, showError]);
  return count;
}

export default function HomePage() {
  const tr = useI18n();
  const { t } = tr;
  const { me, can } = useAuth();
  const canJobs = can('job.read');
  const running = useJobCount('RUNNING', canJobs);
  const queued = useJobCount('QUEUED', canJobs);
  const links = navEntries.filter((e) => e.path !== '/' && can(e.permission));

  return (
    <>
      <PageHeader title={t('home.welcome', { name: me?.displayName || me?.username || '' })} subtitle={t('home.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={canJobs ? 12 : 24} xl={canJobs ? 8 : 24}>
          <Card title={t('home.roles')} style={{ height: '100%' }}>
            <Space size={[8, 8]} wrap>
              {me?.roles.length ? (
                me.roles.map((r) => (
                  <Tag key={r} color="geekblue">
                    {roleLabel(tr, r)}
                  </Tag>
                ))
              ) : (
                <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>
              )}
            </Space>
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
              {t('home.permissions', { count: me?.permissions.length ?? 0 })}
            </Typography.Paragraph>
          </Card>
        </Col>
        {canJobs && (
          <>
            <Col xs={12} md={6} xl={8}>
              <Card style={{ height: '100%' }}>
                <Link to="/jobs" data-testid="home-jobs-running">
                  <Statistic
                    title={t('home.jobsRunning')}
                    value={running ?? '—'}
                    prefix={<SyncOutlined spin={running !== null && running !== '0'} />}
                    valueStyle={{ color: '#2f54eb' }}
                  />
                </Link>
              </Card>
            </Col>
            <Col xs={12} md={6} xl={8}>
              <Card style={{ height: '100%' }}>
                <Link to="/jobs" data-testid="home-jobs-queued">
                  <Statistic title={t('home.jobsQueued')} value={queued ?? '—'} prefix={<ClockCircleOutlined />} />
                </Link>
              </Card>
            </Col>
          </>
        )}
      </Row>
      <DemoDataCard />
      {links.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: '24px 0 12px' }}>
            {t('home.quickLinks')}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {links.map((e) => (
              <Col key={e.key} xs={24} sm={12} lg={8} xxl={6}>
                <Link to={e.path}>
                  <Card hoverable size="small" style={{ height: '100%' }}>
                    <Flex gap={12} align="center">
                      <span style={{ fontSize: 22, color: '#2f54eb' }}>{e.icon}</span>
                      <div>
                        <Typography.Text strong>{t(e.labelKey)}</Typography.Text>
                        {e.descriptionKey && (
                          <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
                            {t(e.descriptionKey)}
                          </Typography.Paragraph>
                        )}
                      </div>
                    </Flex>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </>
      )}
    </>
  );
}
