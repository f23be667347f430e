/** Pure helpers of the segment builder: default rules, values per operator, client-side checks. */
import type {
  Condition,
  ConditionCatalog,
  ConditionFieldInfo,
  ConditionValue,
  EventCondition,
  FieldCondition,
  GroupCondition,
  OrderCondition,
} from '../api/segments';

export const NO_VALUE_OPS = ['is_empty', 'is_not_empty'];
export const LIST_OPS = ['in', 'not_in'];
export const DAYS_OPS = ['within_last_days', 'more_than_days_ago'];

export function emptyGroup(type: GroupCondition['type'] = 'and'): GroupCondition {
  return { type, children: [] };
}

/** The value input an operator needs on a field of a type. */
export type ValueKind = 'none' | 'text' | 'texts' | 'number' | 'numberRange' | 'date' | 'dateRange' | 'days' | 'option' | 'options' | 'ref';

export function valueKind(type: ConditionFieldInfo['type'], op: string): ValueKind {
  if (NO_VALUE_OPS.includes(op)) return 'none';
  if (DAYS_OPS.includes(op)) return 'days';
  if (type === 'set') return 'ref';
  if (type === 'number') return op === 'between' ? 'numberRange' : 'number';
  if (type === 'date' || type === 'timestamp') return op === 'between' ? 'dateRange' : 'date';
  if (type === 'enum') return LIST_OPS.includes(op) ? 'options' : 'option';
  return LIST_OPS.includes(op) ? 'texts' : 'text';
}

export function defaultValue(kind: ValueKind, field?: ConditionFieldInfo): ConditionValue {
  switch (kind) {
    case 'none':
      return null;
    case 'texts':
    case 'options':
      return [];
    case 'numberRange':
    case 'dateRange':
      return [];
    case 'days':
      return 30;
    case 'option':
      return field?.options[0] ?? null;
    default:
      return null;
  }
}

export function fieldRule(field: ConditionFieldInfo, op?: string): FieldCondition {
  const operator = op ?? field.operators[0];
  return { type: 'field', field: field.key, op: operator, value: defaultValue(valueKind(field.type, operator), field) };
}

export function orderRule(): OrderCondition {
  return { type: 'order', measure: 'count', op: 'gte', value: 1, withinDays: 90, category: null, sku: null, shopId: null };
}

export function eventRule(catalog?: ConditionCatalog): EventCondition {
  return {
    type: 'event',
    event: catalog?.eventTypes.includes('add_to_cart') ? 'add_to_cart' : catalog?.eventTypes[0] ?? 'page_view',
    did: true,
    times: 1,
    withinDays: 30,
    properties: [],
    customName: null,
  };
}

/** Problems found before asking the server, keyed by the same paths the server uses (`condition.children[0].value`). */
export type ConditionProblem = 'required' | 'number' | 'days' | 'list' | 'range' | 'emptyGroup' | 'times';

export function checkCondition(
  c: Condition,
  catalog: ConditionCatalog | null,
  path = 'condition',
  out: Record<string, ConditionProblem> = {},
): Record<string, ConditionProblem> {
  if (c.type === 'and' || c.type === 'or' || c.type === 'not') {
    if (c.children.length === 0) out[`${path}.children`] = 'emptyGroup';
    c.children.forEach((child, i) => checkCondition(child, catalog, `${path}.children[${i}]`, out));
    return out;
  }
  if (c.type === 'field') {
    const field = catalog?.fields.find((f) => f.key === c.field);
    if (!field) return out;
    checkValue(valueKind(field.type, c.op), c.value, `${path}.value`, out);
    return out;
  }
  if (c.type === 'order') {
    checkValue(c.op === 'between' ? 'numberRange' : 'number', c.value, `${path}.value`, out);
    if (c.withinDays != null && !isDays(c.withinDays)) out[`${path}.withinDays`] = 'days';
    return out;
  }
  const e = c as EventCondition;
  if (!isDays(e.withinDays)) out[`${path}.withinDays`] = 'days';
  if (!Number.isInteger(e.times) || e.times < 1) out[`${path}.times`] = 'times';
  e.properties.forEach((p, i) => {
    if (!p.property) out[`${path}.properties[${i}].property`] = 'required';
    const kind: ValueKind = ['gt', 'gte', 'lt', 'lte'].includes(p.op) ? 'number' : p.op === 'in' ? 'texts' : 'text';
    checkValue(kind, p.value, `${path}.properties[${i}].value`, out);
  });
  return out;
}

function isDays(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 3650;
}

function checkValue(kind: ValueKind, v: ConditionValue, path: string, out: Record<string, ConditionProblem>) {
  switch (kind) {
    case 'none':
      return;
    case 'number':
      if (typeof v !== 'number' || Number.isNaN(v)) out[path] = 'number';
      return;
    case 'days':
      if (!isDays(v)) out[path] = 'days';
      return;
    case 'numberRange':
    case 'dateRange':
      if (!Array.isArray(v) || v.length !== 2 || v.some((x) => x === null || x === undefined || x === '')) out[path] = 'range';
      else if (kind === 'numberRange' && Number(v[0]) > Number(v[1])) out[path] = 'range';
      return;
    case 'texts':
    case 'options':
      if (!Array.isArray(v) || v.length === 0) out[path] = 'list';
      return;
    default:
      if (v === null || v === undefined || v === '') out[path] = 'required';
  }
}

/** Replaces the node at a path of child indexes (empty path = the root). */
export function replaceAt(root: Condition, indexes: number[], node: Condition | null): Condition | null {
  if (indexes.length === 0) return node;
  if (root.type !== 'and' && root.type !== 'or' && root.type !== 'not') return root;
  const [first, ...rest] = indexes;
  const children = [...root.children];
  const replaced = replaceAt(children[first], rest, node);
  if (replaced === null) children.splice(first, 1);
  else children[first] = replaced;
  return { ...root, children };
}

export function countRules(c: Condition): number {
  if (c.type === 'and' || c.type === 'or' || c.type === 'not') return c.children.reduce((n, ch) => n + countRules(ch), 0);
  return 1;
}
