import { Tag } from 'antd';
import type { CouponKind, CouponStatus, IssueStatus, TemplateStatus } from '../../api/coupons';
import { useI18n } from '../../i18n/I18nProvider';
import { couponKindLabel, couponStatusLabel, issueStatusLabel, templateStatusLabel } from '../../i18n/labels';

const TEMPLATE_COLORS: Record<TemplateStatus, string> = { active: 'green', paused: 'orange', archived: 'default' };
const COUPON_COLORS: Record<CouponStatus, string> = { issued: 'blue', redeemed: 'green', expired: 'default', revoked: 'red' };
const KIND_COLORS: Record<CouponKind, string> = { amount_off: 'magenta', percent_off: 'purple', free_shipping: 'cyan', gift: 'gold' };
const ISSUE_COLORS: Record<IssueStatus, string> = { ISSUED: 'green', ALREADY_ISSUED: 'blue', REJECTED: 'red' };

export function TemplateStatusTag({ status }: { status: TemplateStatus }) {
  const tr = useI18n();
  return (
    <Tag color={TEMPLATE_COLORS[status] ?? 'default'} data-testid="coupon-template-status">
      {templateStatusLabel(tr, status)}
    </Tag>
  );
}

export function CouponStatusTag({ status }: { status: CouponStatus }) {
  const tr = useI18n();
  return (
    <Tag color={COUPON_COLORS[status] ?? 'default'} data-testid="coupon-status" data-status={status}>
      {couponStatusLabel(tr, status)}
    </Tag>
  );
}

export function CouponKindTag({ kind }: { kind: CouponKind }) {
  const tr = useI18n();
  return <Tag color={KIND_COLORS[kind] ?? 'default'}>{couponKindLabel(tr, kind)}</Tag>;
}

export function IssueStatusTag({ status }: { status: IssueStatus }) {
  const tr = useI18n();
  return (
    <Tag color={ISSUE_COLORS[status] ?? 'default'} data-testid="issue-status" data-status={status}>
      {issueStatusLabel(tr, status)}
    </Tag>
  );
}
