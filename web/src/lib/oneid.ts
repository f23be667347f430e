import type { IdentityType, NewIdentityType, TraitRule, TraitRuleInput } from '../api/oneid';

/** The server's rules for a new identity type (see IdentityTypeRegistry). */
export const TYPE_CODE_MIN = 2;
export const TYPE_CODE_MAX = 40;
export const TYPE_CODE_PATTERN = /^[a-z][a-z0-9_]*$/;
export const TYPE_NAME_MAX = 100;
export const TYPE_PRIORITY_MIN = 1;
export const TYPE_PRIORITY_MAX = 1000;
export const TYPE_LIMIT_MIN = 1;
export const TYPE_LIMIT_MAX = 1000;

export type CodeProblem = 'required' | 'length' | 'pattern';
export type NameProblem = 'required' | 'length';
export type NumberProblem = 'required' | 'integer' | 'range';

/** What is wrong with a new type's code (checked like the server: trimmed of nothing), or null. */
export function codeProblem(code: string | null | undefined): CodeProblem | null {
  if (!code) return 'required';
  if (code.length < TYPE_CODE_MIN || code.length > TYPE_CODE_MAX) return 'length';
  return TYPE_CODE_PATTERN.test(code) ? null : 'pattern';
}

/** What is wrong with a display name (the server strips it first), or null. */
export function nameProblem(name: string | null | undefined): NameProblem | null {
  const stripped = (name ?? '').trim();
  if (!stripped) return 'required';
  return stripped.length > TYPE_NAME_MAX ? 'length' : null;
}

/** What is wrong with a priority (a whole number from 1, the strongest, to 1000), or null. */
export function priorityProblem(priority: number | null | undefined): NumberProblem | null {
  if (priority === null || priority === undefined) return 'required';
  if (!Number.isInteger(priority)) return 'integer';
  return priority < TYPE_PRIORITY_MIN || priority > TYPE_PRIORITY_MAX ? 'range' : null;
}

/** What is wrong with a per-customer limit (empty for none, else a whole number from 1 to 1000), or null. */
export function limitProblem(limit: number | null | undefined): Exclude<NumberProblem, 'required'> | null {
  if (limit === null || limit === undefined) return null;
  if (!Number.isInteger(limit)) return 'integer';
  return limit < TYPE_LIMIT_MIN || limit > TYPE_LIMIT_MAX ? 'range' : null;
}

export interface IdentityTypeFormValues {
  code?: string;
  displayName?: string;
  priority?: number | null;
  maxPerCustomer?: number | null;
  shopScoped?: boolean;
}

/** The request body of a filled-in form: the name stripped, an empty limit as none. */
export function toNewIdentityType(v: IdentityTypeFormValues): NewIdentityType {
  return {
    code: v.code ?? '',
    displayName: (v.displayName ?? '').trim(),
    priority: v.priority as number,
    maxPerCustomer: v.maxPerCustomer ?? null,
    shopScoped: !!v.shopScoped,
  };
}

/** Strongest first (priority 1), ties by code, as the server lists them. */
export function sortIdentityTypes(types: readonly IdentityType[]): IdentityType[] {
  return [...types].sort((a, b) => a.priority - b.priority || a.code.localeCompare(b.code));
}

/**
 * The types whose code or name contains the query (case-insensitive). `label` gives the name shown in the
 * console (a built-in type's translated name); the server's display name matches too.
 */
export function filterIdentityTypes(
  types: readonly IdentityType[],
  query: string | null | undefined,
  label: (type: IdentityType) => string = (type) => type.displayName,
): IdentityType[] {
  const q = (query ?? '').trim().toLowerCase();
  if (!q) return [...types];
  return types.filter((type) =>
    [type.code, type.displayName, label(type)].some((text) => text.toLowerCase().includes(q)),
  );
}

/** The traits in the order the console shows them. */
export const TRAIT_FIELDS = ['displayName', 'gender', 'birthday', 'region', 'realName'] as const;

/** Each trait's strategy as edited in the card. */
export type TraitDraft = Record<string, string>;

/** The draft of rules as the server holds them. */
export function draftOf(rules: readonly TraitRule[]): TraitDraft {
  return Object.fromEntries(rules.map((r) => [r.field, r.strategy]));
}

/** The draft every trait's default would give. */
export function defaultDraft(rules: readonly TraitRule[]): TraitDraft {
  return Object.fromEntries(rules.map((r) => [r.field, r.defaultStrategy]));
}

/** The rules a draft changes against the saved ones, in the saved rules' order: what Save sends. */
export function changedRules(saved: readonly TraitRule[], draft: TraitDraft): TraitRuleInput[] {
  return saved
    .filter((r) => draft[r.field] !== undefined && draft[r.field] !== r.strategy)
    .map((r) => ({ field: r.field, strategy: draft[r.field] }));
}

/** The traits whose drafted strategy is not their default. */
export function nonDefaultFields(saved: readonly TraitRule[], draft: TraitDraft): string[] {
  return saved.filter((r) => (draft[r.field] ?? r.strategy) !== r.defaultStrategy).map((r) => r.field);
}

/** The saved rules in the console's trait order (traits it does not know yet come last, in the server's order). */
export function orderedRules(rules: readonly TraitRule[]): TraitRule[] {
  const rank = (field: string) => {
    const i = (TRAIT_FIELDS as readonly string[]).indexOf(field);
    return i < 0 ? TRAIT_FIELDS.length : i;
  };
  return rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => rank(a.rule.field) - rank(b.rule.field) || a.index - b.index)
    .map((x) => x.rule);
}

/**
 * The server's field errors of a PUT (`rules[0].strategy`) as messages per trait, through the request's rules:
 * index 0 is the first rule sent. Errors naming no rule of the request are returned in `other`.
 */
export function ruleErrorsByField(
  sent: readonly TraitRuleInput[],
  errors: readonly { field: string; message: string }[],
): { byField: Record<string, string[]>; other: string[] } {
  const byField: Record<string, string[]> = {};
  const other: string[] = [];
  for (const e of errors) {
    const m = /^rules\[(\d+)\]/.exec(e.field);
    const rule = m ? sent[Number(m[1])] : undefined;
    if (rule) (byField[rule.field] ??= []).push(e.message);
    else other.push(e.field ? `${e.field}: ${e.message}` : e.message);
  }
  return { byField, other };
}
