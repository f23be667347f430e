import { Card, Col, Progress, Row, Statistic, Typography } from 'antd';
import { RFM_QUADRANTS, type RfmQuadrant } from '../../api/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';
import { sharePercent } from '../../lib/rfm';
import { QUADRANT_COLORS, quadrantLabel } from './labels';

/** 高价值 / 待激活 / 新客户 / 沉睡·流失风险 as four cards with their count and share of the purchasers. */
export function QuadrantCards({ counts }: { counts: Record<RfmQuadrant, number> }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const total = RFM_QUADRANTS.reduce((n, q) => n + counts[q], 0);
  return (
    <Row gutter={[12, 12]} data-testid="rfm-quadrants">
      {RFM_QUADRANTS.map((q) => {
        const share = sharePercent(counts[q], total);
        return (
          <Col key={q} xs={24} sm={12}>
            <Card size="small" style={{ borderTop: `3px solid ${QUADRANT_COLORS[q]}`, height: '100%' }} data-testid={`rfm-quadrant-${q}`}>
              <Statistic
                title={quadrantLabel(tr, q)}
                value={formatNumber(counts[q], lang)}
                valueStyle={{ color: QUADRANT_COLORS[q], fontSize: 22 }}
                valueRender={(node) => <span data-testid={`rfm-quadrant-count-${q}`}>{node}</span>}
              />
              <Progress percent={Math.round(share)} size="small" strokeColor={QUADRANT_COLORS[q]} showInfo={false} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('rfm.quadrants.share', { share: share.toFixed(1) })} · {tr.tOr(`rfm.quadrantHelp.${q}`, '')}
              </Typography.Text>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
