import type { ReactNode } from 'react';
import {
  ApiOutlined,
  BranchesOutlined,
  ClearOutlined,
  ClockCircleOutlined,
  EditOutlined,
  ForkOutlined,
  GiftOutlined,
  MailOutlined,
  PlayCircleOutlined,
  SolutionOutlined,
  StarOutlined,
  StopOutlined,
  TagOutlined,
} from '@ant-design/icons';
import type { JourneyNode, NodeType } from '../../api/journeys';
import type { Translator } from '../../i18n/core';

export interface NodeKind {
  icon: ReactNode;
  color: string;
  group: 'flow' | 'action';
}

/** Icon, colour and palette group of each node type. */
export const NODE_KINDS: Record<NodeType, NodeKind> = {
  entry: { icon: <PlayCircleOutlined />, color: '#2f54eb', group: 'flow' },
  wait: { icon: <ClockCircleOutlined />, color: '#fa8c16', group: 'flow' },
  condition: { icon: <BranchesOutlined />, color: '#722ed1', group: 'flow' },
  split: { icon: <ForkOutlined />, color: '#eb2f96', group: 'flow' },
  exit: { icon: <StopOutlined />, color: '#595959', group: 'flow' },
  send_message: { icon: <MailOutlined />, color: '#1677ff', group: 'action' },
  issue_coupon: { icon: <GiftOutlined />, color: '#cf1322', group: 'action' },
  adjust_points: { icon: <StarOutlined />, color: '#d4b106', group: 'action' },
  add_tag: { icon: <TagOutlined />, color: '#13c2c2', group: 'action' },
  remove_tag: { icon: <ClearOutlined />, color: '#08979c', group: 'action' },
  update_field: { icon: <EditOutlined />, color: '#389e0d', group: 'action' },
  create_task: { icon: <SolutionOutlined />, color: '#9254de', group: 'action' },
  webhook: { icon: <ApiOutlined />, color: '#434343', group: 'action' },
};

export const nodeTypeLabel = (tr: Translator, type: string) => tr.tOr(`journey.node.${type}`, type);

/** `next`, `yes`, `variant:A`… in words. */
export function handleLabel(tr: Translator, handle: string): string {
  if (handle.startsWith('variant:')) return tr.t('journey.handle.variant', { key: handle.slice('variant:'.length) });
  return tr.tOr(`journey.handle.${handle}`, handle);
}

/** Minutes as `2 h`, `3 d` or `45 min`. */
export function durationText(tr: Translator, minutes: number | null | undefined): string {
  if (minutes == null) return '—';
  if (minutes % 1440 === 0) return tr.t('journey.duration.days', { n: minutes / 1440 });
  if (minutes % 60 === 0) return tr.t('journey.duration.hours', { n: minutes / 60 });
  return tr.t('journey.duration.minutes', { n: minutes });
}

/** Names of referenced things, by id. */
export interface RefNames {
  messageTemplate: (id: string) => string | undefined;
  couponTemplate: (id: string) => string | undefined;
  tag: (id: string) => string | undefined;
}

/** One line saying what a node does, shown on the canvas under its title. */
export function describeNode(tr: Translator, node: Pick<JourneyNode, 'type' | 'config'>, names: RefNames): string {
  const c = node.config;
  const eventName = (type: string | null | undefined, custom: string | null | undefined) =>
    type === 'custom'
      ? custom || tr.t('journey.event.custom')
      : type === 'order_placed' || type === 'coupon_redeemed'
        ? tr.t(`journey.event.${type}`)
        : tr.tOr(`event.type.${type}`, type ?? '—');
  switch (node.type) {
    case 'wait':
      if (c.mode === 'time_of_day') return tr.t('journey.describe.untilTime', { time: c.time || '—' });
      if (c.mode === 'event') return tr.t('journey.describe.untilEvent', { event: eventName(c.eventType, c.customName), timeout: durationText(tr, c.timeoutMinutes) });
      return tr.t('journey.describe.wait', { duration: durationText(tr, c.minutes) });
    case 'condition':
      return tr.t('journey.describe.condition');
    case 'split':
      return [
        ...(c.variants ?? []).map((v) => `${v.key} ${v.percent}%`),
        ...(c.holdoutPercent ? [tr.t('journey.describe.holdout', { percent: c.holdoutPercent })] : []),
      ].join(' · ');
    case 'send_message':
      return (c.templateId && (names.messageTemplate(c.templateId) ?? c.templateId)) || tr.t('journey.describe.chooseTemplate');
    case 'issue_coupon':
      return (c.templateId && (names.couponTemplate(c.templateId) ?? c.templateId)) || tr.t('journey.describe.chooseCoupon');
    case 'adjust_points':
      return tr.t('journey.describe.points', { points: c.points != null && c.points > 0 ? `+${c.points}` : String(c.points ?? '—') });
    case 'add_tag':
    case 'remove_tag':
      return (c.tagId && (names.tag(c.tagId) ?? c.tagId)) || tr.t('journey.describe.chooseTag');
    case 'update_field':
      return `${tr.tOr(`journey.field.${c.field}`, c.field ?? '—')} = ${c.value ?? ''}`;
    case 'create_task':
      return c.title || tr.t('journey.describe.taskTitle');
    case 'webhook':
      try {
        return c.url ? new URL(c.url).host || c.url : '—';
      } catch {
        return c.url ?? '—';
      }
    default:
      return '';
  }
}
