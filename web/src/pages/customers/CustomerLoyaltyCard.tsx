import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Descriptions, Empty, Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined, UserAddOutlined, WarningOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { loyaltyApi, type Member, type Tier } from '../../api/loyalty';
import { useAuth } from '../../auth/AuthContext';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime, formatNumber } from '../../lib/format';
import { formatMeasure, progressPercent, tierName } from '../../lib/loyalty';
import { TierTag } from '../loyalty/LoyaltyTags';

/** What the card knows: loading, a member, not a member (with or without a program), or a failed read. */
type State =
  | { kind: 'loading' }
  | { kind: 'member'; member: Member }
  | { kind: 'none'; program: boolean }
  | { kind: 'error' };

/** The customer's membership on the 360° page: tier, balance, member number, the way to the next tier; enrol if not a member. */
export function CustomerLoyaltyCard({ customerId }: { customerId: string }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const { can } = useAuth();
  const manage = can('loyalty.manage');
  const { message } = App.useApp();
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [tick, setTick] = useState(0);
  const [enrolling, setEnrolling] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    loyaltyApi
      .member(customerId, signal)
      .then((member) => {
        if (signal.aborted) return;
        setState({ kind: 'member', member });
        loyaltyApi
          .tiers(signal)
          .then((l) => !signal.aborted && setTiers(l.tiers))
          .catch(() => undefined);
      })
      .catch((err: unknown) => {
        if (signal.aborted) return;
        if (err instanceof ApiError && err.status === 404) {
          // not a member; is there a program to join at all?
          loyaltyApi
            .program(signal)
            .then(() => !signal.aborted && setState({ kind: 'none', program: true }))
            .catch((e: unknown) => {
              if (signal.aborted) return;
              setState({ kind: 'none', program: !(e instanceof ApiError && e.status === 404) });
            });
          return;
        }
        setState({ kind: 'error' });
        showErrorRef.current(err);
      });
    return () => controller.abort();
  }, [customerId, tick]);

  const enrol = () => {
    setEnrolling(true);
    loyaltyApi
      .enrol(customerId)
      .then((member) => {
        message.success(t('loyalty.enrol.done', { memberNo: member.memberNo }));
        setState({ kind: 'member', member });
        setTick((n) => n + 1);
      })
      .catch(showError)
      .finally(() => setEnrolling(false));
  };

  let body;
  if (state.kind === 'member') {
    const m = state.member;
    const p = m.progress;
    body = (
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} data-testid="customer-loyalty-member">
        <Descriptions.Item label={t('loyalty.member.tier')}>
          <span data-testid="customer-loyalty-tier">
            <TierTag code={m.tier} name={m.tierName} rank={m.tier ? tiers.find((x) => x.code === m.tier)?.rank : null} />
          </span>
          {m.downgradeDueAt && (
            <Tooltip title={t('loyalty.member.atRiskUntil', { time: formatDateTime(m.downgradeDueAt) })}>
              <Tag color="orange" icon={<WarningOutlined />}>
                {t('loyalty.member.atRisk')}
              </Tag>
            </Tooltip>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('loyalty.member.balance')}>
          <Typography.Text strong data-testid="customer-loyalty-balance">
            {formatNumber(m.balance, lang)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('loyalty.member.no')}>
          <Link to={`/loyalty/members/${encodeURIComponent(m.customerId)}`} className="ll-mono" data-testid="customer-loyalty-link">
            {m.memberNo}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('loyalty.progress.title')}>
          {p ? (
            <Tooltip title={t('loyalty.progress.toNext', { remaining: formatMeasure(tr, p.qualifyBy, p.remaining), tier: tierName(tiers, p.nextTier, p.nextTier) })}>
              <Flex vertical style={{ minWidth: 160 }} data-testid="customer-loyalty-progress">
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('loyalty.progress.short', { tier: tierName(tiers, p.nextTier, p.nextTier) })}
                </Typography.Text>
                <Progress percent={progressPercent(p)} size="small" />
              </Flex>
            </Tooltip>
          ) : (
            <Typography.Text type="secondary">{t('loyalty.progress.top')}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
    );
  } else if (state.kind === 'none') {
    body = (
      <Flex justify="space-between" align="center" gap={12} wrap data-testid="customer-loyalty-none">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          styles={{ image: { height: 32 } }}
          style={{ margin: 0 }}
          description={state.program ? t('loyalty.customer.notMember') : t('loyalty.customer.noProgram')}
        />
        {manage && state.program && (
          <Button icon={<UserAddOutlined />} loading={enrolling} onClick={enrol} data-testid="customer-loyalty-enrol">
            {t('loyalty.enrol.button')}
          </Button>
        )}
        {manage && !state.program && <Link to="/loyalty">{t('loyalty.customer.setUp')}</Link>}
      </Flex>
    );
  } else if (state.kind === 'error') {
    body = <Typography.Text type="danger">{t('common.loadFailed')}</Typography.Text>;
  }

  return (
    <Card
      size="small"
      title={t('loyalty.customer.title')}
      style={{ marginBottom: 16 }}
      loading={state.kind === 'loading'}
      data-testid="customer-loyalty"
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button size="small" type="text" icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} />
        </Tooltip>
      }
    >
      {body}
    </Card>
  );
}
