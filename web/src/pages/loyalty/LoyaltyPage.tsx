import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Divider, Empty, Flex, Popconfirm, Result, Row, Spin, Statistic, Tag, Tooltip, Typography } from 'antd';
import { CrownOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { loyaltyApi, type LoyaltyOverview, type LoyaltyProgram } from '../../api/loyalty';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { earnOnLabel, expiryLabel } from '../../i18n/labels';
import { fillMonths } from '../../lib/loyalty';
import { formatNumber } from '../../lib/format';
import { toAmount } from '../../lib/customer';
import { LoyaltyNav } from './LoyaltyNav';
import { PointsMonthlyChart, TierDistributionChart } from './LoyaltyCharts';
import { ProgramForm } from './ProgramForm';

/** One figure; `testId` sits on the value. */
function Figure({ title, value, testId, help }: { title: string; value: string; testId: string; help?: string }) {
  const stat = <Statistic title={title} value={value} valueRender={(node) => <span data-testid={testId}>{node}</span>} />;
  return help ? (
    <Tooltip title={help}>
      <div>{stat}</div>
    </Tooltip>
  ) : (
    stat
  );
}

function Figures({ data }: { data: LoyaltyOverview | null }) {
  const { t, lang } = useI18n();
  const n = (v: number | undefined) => (v === undefined ? '—' : formatNumber(v, lang));
  return (
    <Card style={{ marginBottom: 16 }} loading={!data} data-testid="loyalty-overview">
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Figure title={t('loyalty.stat.members')} value={n(data?.members)} testId="loyalty-stat-members" />
        </Col>
        <Col xs={24} sm={8}>
          <Figure
            title={t('loyalty.stat.outstanding')}
            value={n(data?.outstandingPoints)}
            testId="loyalty-stat-outstanding"
            help={t('loyalty.stat.outstandingHelp')}
          />
        </Col>
        <Col xs={24} sm={8}>
          <Figure
            title={t('loyalty.stat.expiring')}
            value={n(data?.expiringIn30Days)}
            testId="loyalty-stat-expiring"
            help={t('loyalty.stat.expiringHelp')}
          />
        </Col>
      </Row>
    </Card>
  );
}

/** The program in one line: points per unit, when orders earn, when points expire. */
function ProgramSummary({ program }: { program: LoyaltyProgram }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const expiry =
    program.expiry === 'months' ? t('loyalty.expiry.monthsN', { months: program.expiryMonths ?? 0 }) : expiryLabel(tr, program.expiry);
  return (
    <Typography.Text type="secondary" data-testid="loyalty-program-summary">
      {t('loyalty.program.summary', {
        points: formatNumber(toAmount(program.pointsPerUnit) ?? 0, lang),
        earnOn: earnOnLabel(tr, program.earnOn),
        expiry,
      })}
    </Typography.Text>
  );
}

/** `/loyalty`: the program's figures and charts and its settings; an empty state with the set-up form before it exists. */
export default function LoyaltyPage() {
  const tr = useI18n();
  const { t } = tr;
  const { can } = useAuth();
  const manage = can('loyalty.manage');
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  // undefined: loading; null: not set up yet
  const [program, setProgram] = useState<LoyaltyProgram | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [overview, setOverview] = useState<LoyaltyOverview | null>(null);
  const [tick, setTick] = useState(0);
  const [formKey, setFormKey] = useState(0);
  const [installing, setInstalling] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    loyaltyApi
      .program(controller.signal)
      .then((p) => !controller.signal.aborted && setProgram(p))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && e.status === 404) {
          setProgram(null);
          return;
        }
        setError(e);
        showErrorRef.current(e);
      });
    loyaltyApi
      .overview(controller.signal)
      .then((o) => !controller.signal.aborted && setOverview(o))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) showErrorRef.current(e);
      });
    return () => controller.abort();
  }, [tick]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);

  const installTemplate = () => {
    setInstalling(true);
    loyaltyApi
      .installTemplate()
      .then(() => {
        message.success(t('loyalty.template.installed'));
        refresh();
      })
      .catch(showError)
      .finally(() => setInstalling(false));
  };
  const months = useMemo(() => (overview ? fillMonths(overview.months) : []), [overview]);

  const header = (
    <PageHeader
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('loyalty.title')}</span>
          {program && (
            <Tag color={program.enabled ? 'green' : 'orange'} data-testid="loyalty-program-status">
              {t(program.enabled ? 'loyalty.program.on' : 'loyalty.program.off')}
            </Tag>
          )}
        </Flex>
      }
      subtitle={program ? <ProgramSummary program={program} /> : t('loyalty.subtitle')}
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} data-testid="loyalty-refresh" />
        </Tooltip>
      }
    />
  );

  if (program === undefined) {
    return (
      <>
        {header}
        <LoyaltyNav />
        {error ? (
          <Result
            status="warning"
            title={t('common.loadFailed')}
            extra={
              <Button type="primary" icon={<ReloadOutlined />} onClick={refresh}>
                {t('common.retry')}
              </Button>
            }
          />
        ) : (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        )}
      </>
    );
  }

  if (program === null) {
    return (
      <>
        {header}
        <LoyaltyNav />
        <Card data-testid="loyalty-empty">
          <Empty
            image={<CrownOutlined style={{ fontSize: 56, color: '#faad14' }} />}
            styles={{ image: { height: 64 } }}
            description={
              <>
                <Typography.Title level={4} style={{ marginTop: 8 }}>
                  {t('loyalty.empty.title')}
                </Typography.Title>
                <Typography.Paragraph type="secondary" style={{ maxWidth: 640, margin: '0 auto' }}>
                  {t(manage ? 'loyalty.empty.manage' : 'loyalty.empty.readOnly')}
                </Typography.Paragraph>
              </>
            }
          />
          {manage && (
            <Flex justify="center" style={{ marginTop: 24 }}>
              <div style={{ width: '100%', maxWidth: 760 }}>
                <ProgramForm
                  program={null}
                  manage
                  onSaved={(saved) => {
                    setProgram(saved);
                    setFormKey((k) => k + 1);
                    refresh();
                  }}
                />
                <Divider plain>{t('loyalty.template.or')}</Divider>
                <Flex vertical align="center" gap={8}>
                  <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
                    {t('loyalty.template.help')}
                  </Typography.Text>
                  <Popconfirm title={t('loyalty.template.confirm')} onConfirm={installTemplate}>
                    <Button icon={<ThunderboltOutlined />} loading={installing} data-testid="loyalty-install-template">
                      {t('loyalty.template.button')}
                    </Button>
                  </Popconfirm>
                </Flex>
              </div>
            </Flex>
          )}
        </Card>
      </>
    );
  }

  return (
    <>
      {header}
      <LoyaltyNav />
      {!program.enabled && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('loyalty.program.disabledHint')} data-testid="loyalty-disabled" />
      )}
      <Figures data={overview} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t('loyalty.chart.tiers')}
            style={{ height: '100%' }}
            loading={!overview}
            extra={<Link to="/loyalty/tiers">{t('loyalty.chart.editTiers')}</Link>}
          >
            {overview && <TierDistributionChart tiers={overview.tiers} />}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('loyalty.chart.points')} style={{ height: '100%' }} loading={!overview}>
            {overview && <PointsMonthlyChart months={months} />}
          </Card>
        </Col>
      </Row>
      <Card title={t('loyalty.program.settings')} data-testid="loyalty-settings">
        <ProgramForm
          key={formKey}
          program={program}
          manage={manage}
          onSaved={(saved) => {
            setProgram(saved);
            setFormKey((k) => k + 1);
            refresh();
          }}
        />
      </Card>
    </>
  );
}
