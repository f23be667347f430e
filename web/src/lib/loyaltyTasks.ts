import type { Badge, BadgeInput, BadgeRule, LoyaltyTask, TaskAction, TaskInput, TaskPeriod } from '../api/loyalty';
import type { MessageKey, Translator } from '../i18n/core';

/** The server's rules (`TaskService`), mirrored so the task and badge forms say what is wrong before submitting. */
export const TASK_CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const TASK_NAME_MAX = 60;
export const TASK_LIMIT_MIN = 1;
export const TASK_LIMIT_MAX = 1000;
export const TASK_REWARD_MAX = 100_000_000;

/** A problem of one field; the message key is `loyalty.tasks.v.<code>`. */
export interface TaskProblem {
  code: 'required' | 'codePattern' | 'nameLength' | 'rewardRange' | 'limitRange' | 'thresholdPositive' | 'integer';
  params?: Record<string, string | number>;
}

export function taskProblemText(tr: Translator, p: TaskProblem): string {
  return tr.t(`loyalty.tasks.v.${p.code}` as MessageKey, p.params);
}

const given = (n: number | null | undefined): number | null =>
  n === undefined || n === null || Number.isNaN(n) ? null : n;

export interface TaskFormValues {
  code?: string;
  name?: string;
  description?: string | null;
  period?: TaskPeriod;
  action?: TaskAction;
  eventName?: string | null;
  rewardPoints?: number | null;
  limitPerPeriod?: number | null;
  active?: boolean;
}

export const TASK_FIELDS = ['code', 'name', 'description', 'period', 'action', 'eventName', 'rewardPoints', 'limitPerPeriod', 'active'] as const;
export type TaskField = (typeof TASK_FIELDS)[number];

export const NEW_TASK_VALUES: TaskFormValues = {
  code: '',
  name: '',
  description: '',
  period: 'daily',
  action: 'check_in',
  eventName: '',
  rewardPoints: 10,
  limitPerPeriod: 1,
  active: true,
};

export function taskToForm(t: LoyaltyTask): TaskFormValues {
  return {
    code: t.code,
    name: t.name,
    description: t.description ?? '',
    period: t.period as TaskPeriod,
    action: t.action as TaskAction,
    eventName: t.eventName ?? '',
    rewardPoints: t.rewardPoints,
    limitPerPeriod: t.limitPerPeriod,
    active: t.active,
  };
}

/** The request body; the event name only for a custom_event task (the server refuses it on the others). */
export function toTaskInput(v: TaskFormValues): TaskInput {
  const action = v.action ?? 'check_in';
  return {
    code: (v.code ?? '').trim(),
    name: (v.name ?? '').trim(),
    description: v.description?.trim() ? v.description.trim() : null,
    period: v.period ?? 'daily',
    action,
    eventName: action === 'custom_event' && v.eventName?.trim() ? v.eventName.trim() : null,
    rewardPoints: given(v.rewardPoints),
    limitPerPeriod: given(v.limitPerPeriod),
    active: v.active ?? true,
  };
}

function codeProblem(raw: string | undefined): TaskProblem | undefined {
  const code = raw?.trim() ?? '';
  if (!code) return { code: 'required' };
  if (!TASK_CODE_PATTERN.test(code)) return { code: 'codePattern' };
  return undefined;
}

function nameProblem(raw: string | undefined): TaskProblem | undefined {
  const name = raw?.trim() ?? '';
  if (!name) return { code: 'required' };
  if (name.length > TASK_NAME_MAX) return { code: 'nameLength', params: { max: TASK_NAME_MAX } };
  return undefined;
}

/** What is wrong with the task form, field by field, by `TaskService.saveTask`. */
export function taskProblems(v: TaskFormValues): Partial<Record<TaskField, TaskProblem>> {
  const out: Partial<Record<TaskField, TaskProblem>> = {};
  const code = codeProblem(v.code);
  if (code) out.code = code;
  const name = nameProblem(v.name);
  if (name) out.name = name;
  if (!v.period) out.period = { code: 'required' };
  if (!v.action) out.action = { code: 'required' };
  if (v.action === 'custom_event' && !v.eventName?.trim()) out.eventName = { code: 'required' };
  const reward = given(v.rewardPoints);
  if (reward === null) out.rewardPoints = { code: 'required' };
  else if (!Number.isInteger(reward)) out.rewardPoints = { code: 'integer' };
  else if (reward < 1 || reward > TASK_REWARD_MAX) out.rewardPoints = { code: 'rewardRange', params: { max: TASK_REWARD_MAX } };
  const limit = given(v.limitPerPeriod);
  if (limit === null) out.limitPerPeriod = { code: 'required' };
  else if (!Number.isInteger(limit)) out.limitPerPeriod = { code: 'integer' };
  else if (limit < TASK_LIMIT_MIN || limit > TASK_LIMIT_MAX) {
    out.limitPerPeriod = { code: 'limitRange', params: { min: TASK_LIMIT_MIN, max: TASK_LIMIT_MAX } };
  }
  return out;
}

export interface BadgeFormValues {
  code?: string;
  name?: string;
  description?: string | null;
  rule?: BadgeRule;
  threshold?: number | null;
  active?: boolean;
}

export const BADGE_FIELDS = ['code', 'name', 'description', 'rule', 'threshold', 'active'] as const;
export type BadgeField = (typeof BADGE_FIELDS)[number];

export const NEW_BADGE_VALUES: BadgeFormValues = {
  code: '',
  name: '',
  description: '',
  rule: 'points_earned',
  threshold: 1000,
  active: true,
};

export function badgeToForm(b: Badge): BadgeFormValues {
  return {
    code: b.code,
    name: b.name,
    description: b.description ?? '',
    rule: b.rule as BadgeRule,
    threshold: b.threshold,
    active: b.active,
  };
}

export function toBadgeInput(v: BadgeFormValues): BadgeInput {
  return {
    code: (v.code ?? '').trim(),
    name: (v.name ?? '').trim(),
    description: v.description?.trim() ? v.description.trim() : null,
    rule: v.rule ?? 'points_earned',
    threshold: given(v.threshold),
    active: v.active ?? true,
  };
}

/** What is wrong with the badge form, field by field, by `TaskService.saveBadge`. */
export function badgeProblems(v: BadgeFormValues): Partial<Record<BadgeField, TaskProblem>> {
  const out: Partial<Record<BadgeField, TaskProblem>> = {};
  const code = codeProblem(v.code);
  if (code) out.code = code;
  const name = nameProblem(v.name);
  if (name) out.name = name;
  if (!v.rule) out.rule = { code: 'required' };
  const threshold = given(v.threshold);
  if (threshold === null) out.threshold = { code: 'required' };
  else if (!Number.isInteger(threshold)) out.threshold = { code: 'integer' };
  else if (threshold < 1) out.threshold = { code: 'thresholdPositive' };
  return out;
}
