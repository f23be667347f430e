/**
 * Pure helpers of the journey canvas: the node types' outputs and defaults, and the client-side copy of the
 * server's validation (journey-contract.md): config fields, entry and settings, and the graph rules (one entry,
 * exactly one edge per output handle, everything reachable, no cycles). Problems carry the server's field paths
 * (`nodes[n3].config.templateId`, `edges[e2].target`, `entry.segmentId`), so client and server problems are shown
 * the same way.
 */
import type { FieldError } from '../api/api';
import type { Definition, Entry, EventFilter, JourneyEdge, JourneyNode, NodeConfig, NodeType, SplitVariant } from '../api/journeys';
import { UPDATABLE_FIELDS } from '../api/journeys';
import type { ConditionCatalog } from '../api/segments';
import { checkCondition, countRules, emptyGroup } from './conditions';
import { serverCodePrefix } from './problems';

export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
export const VARIANT_KEY_PATTERN = /^[A-Z]$/;
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** The server's limits (DefinitionParser). */
export const TEXT_MAX = 200;
export const TASK_TITLE_MAX = TEXT_MAX;
export const TASK_DESCRIPTION_MAX = 2000;
export const WAIT_MINUTES_MAX = 366 * 24 * 60;
export const REENTRY_DAYS_MAX = 3650;
export const WINDOW_DAYS_MAX = 90;
export const TASK_HOURS_MAX = 24 * 90;
export const POINTS_MAX = 1_000_000;
export const FILTERS_MAX = 10;
export const PROPERTY_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const CUSTOM_NAME_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const LABEL_MAX = 60;
const NUMERIC_OPERATORS = ['gt', 'gte', 'lt', 'lte'];

/**
 * A problem found by the console (`code`, worded by `journey.v.<code>`) or by the server (its `code` and `params` when
 * the console words the code, else its English `message`). A server code of another module stays whole
 * (`segment.unknownField`, a condition split's problem, worded by `segment.v.unknownField`).
 */
export interface Problem {
  field: string;
  code?: string;
  params?: Record<string, string | number>;
  message?: string;
  source: 'client' | 'server';
}

/** The prefix of the server's journey problem codes (`journey.minutesRequired`, worded by `journey.v.minutesRequired`). */
export const SERVER_CODE_PREFIX = 'journey.';

/**
 * The server's problems of a journey as the console's: a code `journey.<name>` becomes the console's `<name>` (worded
 * by `journey.v.<name>` with its params), a code of the condition model (`segment.<name>`, from a condition split)
 * stays whole, and the English message is kept for a code the console does not word.
 */
export function serverProblems(errors: readonly FieldError[]): Problem[] {
  return errors.map((e) => {
    const p: Problem = { field: e.field, message: e.message, source: 'server' };
    const prefix = serverCodePrefix(e.code);
    if (prefix && e.code) {
      p.code = prefix === SERVER_CODE_PREFIX ? e.code.slice(prefix.length) : e.code;
      if (e.params) p.params = { ...e.params };
    }
    return p;
  });
}

/** Problems of one form, keyed by a dotted path inside it (`templateId`, `variants[0].key`). */
export type ProblemMap = Record<string, { code: string; params?: Record<string, string | number> }>;

/** The output handles of a node, in display order. */
export function nodeOutputs(type: NodeType, config: NodeConfig): string[] {
  switch (type) {
    case 'exit':
      return [];
    case 'wait':
      return config.mode === 'event' ? ['event', 'timeout'] : ['next'];
    case 'condition':
      return ['yes', 'no'];
    case 'split':
      return (config.variants ?? []).map((v) => `variant:${v.key}`);
    default:
      return ['next'];
  }
}

export function hasInput(type: NodeType): boolean {
  return type !== 'entry';
}

/** The config a node starts with when dropped on the canvas. */
export function defaultConfig(type: NodeType): NodeConfig {
  switch (type) {
    case 'wait':
      return { mode: 'duration', minutes: 120 };
    case 'condition':
      return { condition: emptyGroup() };
    case 'split':
      return {
        variants: [
          { key: 'A', percent: 45 },
          { key: 'B', percent: 45 },
        ],
        holdoutPercent: 10,
      };
    case 'send_message':
    case 'issue_coupon':
      return { templateId: null };
    case 'adjust_points':
      return { points: 100, reason: '' };
    case 'add_tag':
    case 'remove_tag':
      return { tagId: null };
    case 'update_field':
      return { field: 'display_name', value: '' };
    case 'create_task':
      return { title: '', description: null, assignee: null, dueInHours: 24 };
    case 'webhook':
      return { url: 'https://', secret: null };
    default:
      return {};
  }
}

/** Only the config fields of the node's type (and wait mode), so nothing stale is sent. */
export function cleanConfig(type: NodeType, c: NodeConfig): NodeConfig {
  const pick = (...keys: (keyof NodeConfig)[]): NodeConfig => {
    const out: NodeConfig = {};
    for (const k of keys) (out as Record<string, unknown>)[k] = c[k] ?? null;
    return out;
  };
  switch (type) {
    case 'wait':
      if (c.mode === 'time_of_day') return { mode: 'time_of_day', time: c.time ?? null };
      if (c.mode === 'event')
        return {
          mode: 'event',
          eventType: c.eventType ?? null,
          customName: c.eventType === 'custom' ? c.customName ?? null : null,
          filters: cleanFilters(c.filters),
          timeoutMinutes: c.timeoutMinutes ?? null,
        };
      return { mode: 'duration', minutes: c.minutes ?? null };
    case 'condition':
      return { condition: c.condition ?? emptyGroup() };
    case 'split':
      return {
        variants: (c.variants ?? []).map((v) => ({ key: v?.key ?? '', percent: v?.percent ?? 0 })),
        holdoutPercent: c.holdoutPercent ?? 0,
      };
    case 'send_message':
    case 'issue_coupon':
      return pick('templateId');
    case 'adjust_points':
      return pick('points', 'reason');
    case 'add_tag':
    case 'remove_tag':
      return pick('tagId');
    case 'update_field':
      return pick('field', 'value');
    case 'create_task':
      return pick('title', 'description', 'assignee', 'dueInHours');
    case 'webhook':
      return pick('url', 'secret');
    default:
      return {};
  }
}

export function cleanFilters(filters: (EventFilter | undefined | null)[] | undefined): EventFilter[] {
  return (filters ?? []).map((f) => ({
    property: f?.property ?? '',
    operator: f?.operator ?? 'eq',
    value:
      f?.operator === 'exists'
        ? null
        : NUMERIC_OPERATORS.includes(f?.operator ?? '') && typeof f?.value === 'string' && f.value.trim() !== '' && !Number.isNaN(Number(f.value))
          ? Number(f.value)
          : f?.value ?? null,
  }));
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const inRange = (v: unknown, min: number, max: number): boolean => isInt(v) && v >= min && v <= max;
const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function filterProblems(filters: EventFilter[] | undefined, prefix: string, out: ProblemMap): void {
  if ((filters ?? []).length > FILTERS_MAX) out[prefix] = { code: 'filtersMax', params: { max: FILTERS_MAX } };
  (filters ?? []).forEach((f, i) => {
    if (blank(f?.property)) out[`${prefix}[${i}].property`] = { code: 'required' };
    else if (!PROPERTY_PATTERN.test(f.property)) out[`${prefix}[${i}].property`] = { code: 'property' };
    if (f?.operator === 'exists') return;
    if (blank(f?.value)) out[`${prefix}[${i}].value`] = { code: 'required' };
    else if (String(f.value).length > TEXT_MAX) out[`${prefix}[${i}].value`] = { code: 'maxLength', params: { max: TEXT_MAX } };
    else if (NUMERIC_OPERATORS.includes(f.operator) && Number.isNaN(Number(f.value))) out[`${prefix}[${i}].value`] = { code: 'number' };
  });
}

export function isHttpUrl(v: string | null | undefined): boolean {
  if (!v || !/^https?:\/\//.test(v)) return false;
  try {
    return !!new URL(v).hostname;
  } catch {
    return false;
  }
}

/** The problems of one node's config, keyed by path inside the config (`templateId`, `variants[1].key`). */
export function configProblems(type: NodeType, c: NodeConfig, catalog?: ConditionCatalog | null): ProblemMap {
  const out: ProblemMap = {};
  const need = (key: keyof NodeConfig) => {
    if (blank(c[key])) out[key] = { code: 'required' };
  };
  switch (type) {
    case 'wait':
      if (c.mode === 'duration') {
        if (!inRange(c.minutes, 1, WAIT_MINUTES_MAX)) out.minutes = { code: 'range', params: { min: 1, max: WAIT_MINUTES_MAX } };
      } else if (c.mode === 'time_of_day') {
        if (!c.time || !TIME_PATTERN.test(c.time)) out.time = { code: 'time' };
      } else if (c.mode === 'event') {
        need('eventType');
        if (c.eventType === 'custom' && !CUSTOM_NAME_PATTERN.test(c.customName ?? '')) out.customName = { code: 'customName' };
        if (!inRange(c.timeoutMinutes, 1, WAIT_MINUTES_MAX)) out.timeoutMinutes = { code: 'range', params: { min: 1, max: WAIT_MINUTES_MAX } };
        filterProblems(c.filters, 'filters', out);
      } else out.mode = { code: 'required' };
      break;
    case 'condition': {
      const cond = c.condition;
      if (!cond || countRules(cond) === 0) out.condition = { code: 'conditionEmpty' };
      else for (const [path, code] of Object.entries(checkCondition(cond, catalog ?? null))) out[path] = { code: `condition.${code}` };
      break;
    }
    case 'split':
      splitProblems(c.variants ?? [], c.holdoutPercent, out);
      break;
    case 'send_message':
    case 'issue_coupon':
      if (blank(c.templateId)) out.templateId = { code: 'templateRequired' };
      break;
    case 'add_tag':
    case 'remove_tag':
      if (blank(c.tagId)) out.tagId = { code: 'tagRequired' };
      break;
    case 'adjust_points':
      if (!isInt(c.points) || c.points === 0 || Math.abs(c.points) > POINTS_MAX) out.points = { code: 'pointsNonZero', params: { max: POINTS_MAX } };
      need('reason');
      break;
    case 'update_field':
      if (!c.field || !(UPDATABLE_FIELDS as readonly string[]).includes(c.field)) out.field = { code: 'required' };
      need('value');
      break;
    case 'create_task':
      need('title');
      if (c.title && c.title.length > TASK_TITLE_MAX) out.title = { code: 'maxLength', params: { max: TASK_TITLE_MAX } };
      if (!inRange(c.dueInHours, 1, TASK_HOURS_MAX)) out.dueInHours = { code: 'range', params: { min: 1, max: TASK_HOURS_MAX } };
      break;
    case 'webhook':
      if (!isHttpUrl(c.url)) out.url = { code: 'http' };
      break;
    default:
      break;
  }
  return out;
}

function splitProblems(variants: SplitVariant[], holdout: number | null | undefined, out: ProblemMap) {
  if (variants.length === 0) out.variants = { code: 'variantsMin' };
  const seen = new Set<string>();
  variants.forEach((v, i) => {
    if (!v?.key || !VARIANT_KEY_PATTERN.test(v.key)) out[`variants[${i}].key`] = { code: 'variantKey' };
    else if (seen.has(v.key)) out[`variants[${i}].key`] = { code: 'variantKeyTaken' };
    else seen.add(v.key);
    if (!inRange(v?.percent, 1, 100)) out[`variants[${i}].percent`] = { code: 'range', params: { min: 1, max: 100 } };
  });
  if (!inRange(holdout, 0, 99)) out.holdoutPercent = { code: 'range', params: { min: 0, max: 99 } };
  const sum = variants.reduce((s, v) => s + (Number(v?.percent) || 0), 0) + (Number(holdout) || 0);
  // the server reports the sum on the variants
  if (variants.length > 0 && sum !== 100) out.variants = { code: 'percentSum', params: { sum } };
}

/** Only the entry fields of its kind (`segment_send` gets `recurrence` none by default). */
export function cleanEntry(e: Partial<Entry> | undefined): Entry {
  const kind = e?.kind ?? 'api';
  switch (kind) {
    case 'event':
      return {
        kind,
        eventType: e?.eventType ?? null,
        customName: e?.eventType === 'custom' ? e?.customName ?? null : null,
        filters: cleanFilters(e?.filters),
      };
    case 'coupon_issued':
    case 'coupon_expiring':
      return { kind, templateId: e?.templateId ?? null };
    case 'tier_changed':
      return { kind, change: e?.change ?? null, toTier: e?.toTier ?? null };
    case 'lifecycle_changed':
      return { kind, to: e?.to ?? null };
    case 'segment_entered':
      return { kind, segmentId: e?.segmentId ?? null };
    case 'segment_send':
      return { kind, segmentId: e?.segmentId ?? null, sendAt: e?.sendAt ?? null, recurrence: e?.recurrence ?? 'none' };
    default:
      return { kind };
  }
}

/** The settings part of a definition (everything but the graph). */
export type Settings = Omit<Definition, 'nodes' | 'edges'>;

/** Problems of the entry trigger and settings, keyed by the server's paths (`entry.segmentId`, `reentry.days`). */
export function settingsProblems(s: Settings): ProblemMap {
  const out: ProblemMap = {};
  const e = s.entry;
  if (!e?.kind) out['entry.kind'] = { code: 'required' };
  if (e?.kind === 'event') {
    if (blank(e.eventType)) out['entry.eventType'] = { code: 'required' };
    if (e.eventType === 'custom' && !CUSTOM_NAME_PATTERN.test(e.customName ?? '')) out['entry.customName'] = { code: 'customName' };
    filterProblems(e.filters, 'entry.filters', out);
  }
  if ((e?.kind === 'segment_entered' || e?.kind === 'segment_send') && blank(e.segmentId)) out['entry.segmentId'] = { code: 'required' };
  if (e?.kind === 'segment_send' && !e.recurrence) out['entry.recurrence'] = { code: 'required' };
  if (s.reentry?.rule === 'once_per_days' && !inRange(s.reentry.days, 1, REENTRY_DAYS_MAX)) out['reentry.days'] = { code: 'range', params: { min: 1, max: REENTRY_DAYS_MAX } };
  if (s.enrolmentLimit != null && (!isInt(s.enrolmentLimit) || s.enrolmentLimit < 1)) out.enrolmentLimit = { code: 'minOne' };
  if (s.startsAt && s.endsAt && new Date(s.endsAt).getTime() <= new Date(s.startsAt).getTime()) out.endsAt = { code: 'endBeforeStart' };
  if (!inRange(s.conversionWindowDays, 1, WINDOW_DAYS_MAX)) out.conversionWindowDays = { code: 'range', params: { min: 1, max: WINDOW_DAYS_MAX } };
  return out;
}

/** The graph rules: one entry, one edge per output handle, valid edges, all reachable from the entry, no cycles. */
export function graphProblems(nodes: JourneyNode[], edges: JourneyEdge[]): Problem[] {
  const out: Problem[] = [];
  const add = (field: string, code: string, params?: Record<string, string | number>) => out.push({ field, code, params, source: 'client' });
  const byId = new Map<string, JourneyNode>();
  for (const n of nodes) {
    if (!NODE_ID_PATTERN.test(n.id)) add(`nodes[${n.id}].id`, 'nodeId');
    if (byId.has(n.id)) add(`nodes[${n.id}].id`, 'nodeIdTaken');
    byId.set(n.id, n);
  }
  const entries = nodes.filter((n) => n.type === 'entry');
  if (entries.length === 0) add('nodes', 'entryMissing');
  for (const extra of entries.slice(1)) add(`nodes[${extra.id}]`, 'entryTwice');

  const usable: JourneyEdge[] = [];
  for (const e of edges) {
    const src = byId.get(e.source);
    const dst = byId.get(e.target);
    if (!src) add(`edges[${e.id}].source`, 'edgeNode');
    else if (!nodeOutputs(src.type, src.config).includes(e.sourceHandle)) add(`edges[${e.id}].sourceHandle`, 'edgeHandle', { handle: e.sourceHandle });
    if (!dst) add(`edges[${e.id}].target`, 'edgeNode');
    else if (!hasInput(dst.type)) add(`edges[${e.id}].target`, 'edgeIntoEntry');
    if (src && dst && hasInput(dst.type) && nodeOutputs(src.type, src.config).includes(e.sourceHandle)) usable.push(e);
  }

  for (const n of nodes) {
    for (const handle of nodeOutputs(n.type, n.config)) {
      const count = usable.filter((e) => e.source === n.id && e.sourceHandle === handle).length;
      if (count === 0) add(`nodes[${n.id}]`, 'deadEnd', { handle });
      else if (count > 1) add(`nodes[${n.id}]`, 'handleTwice', { handle });
    }
  }

  const next = new Map<string, string[]>();
  for (const e of usable) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  if (entries.length > 0) {
    const seen = new Set<string>([entries[0].id]);
    const queue = [entries[0].id];
    while (queue.length > 0) {
      for (const t of next.get(queue.shift()!) ?? []) {
        if (!seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
    for (const n of nodes) if (!seen.has(n.id) && n.type !== 'entry') add(`nodes[${n.id}]`, 'unreachable');
  }

  // cycles: a depth-first search; a node reached again while still on the path closes a cycle
  const state = new Map<string, 1 | 2>();
  const inCycle = new Set<string>();
  const visit = (id: string) => {
    state.set(id, 1);
    for (const t of next.get(id) ?? []) {
      if (state.get(t) === 1) inCycle.add(t);
      else if (!state.has(t)) visit(t);
    }
    state.set(id, 2);
  };
  for (const n of nodes) if (!state.has(n.id)) visit(n.id);
  for (const id of inCycle) add(`nodes[${id}]`, 'cycle');
  return out;
}

/** Every problem the console finds in a definition, with the server's field paths. */
export function definitionProblems(def: Definition, catalog?: ConditionCatalog | null): Problem[] {
  const out: Problem[] = Object.entries(settingsProblems(def)).map(([field, p]) => ({ field, ...p, source: 'client' as const }));
  out.push(...graphProblems(def.nodes, def.edges));
  for (const n of def.nodes) {
    for (const [path, p] of Object.entries(configProblems(n.type, n.config, catalog))) {
      out.push({ field: `nodes[${n.id}].config.${path}`, ...p, source: 'client' });
    }
  }
  return out;
}

/** What a problem's field path points at: a node (and a path in its config), an edge, or a setting. */
export interface ProblemTarget {
  nodeId?: string;
  edgeId?: string;
  /** The rest of the path: `config.templateId`, `target`, or the whole path for settings (`entry.segmentId`). */
  rest: string;
}

/**
 * Parses `nodes[n3].config.templateId` or `edges[e2].target`. A numeric bracket that is no node id is taken as
 * an index into the list, in case the server reports positions.
 */
export function problemTarget(field: string, nodes: { id: string }[] = [], edges: { id: string }[] = []): ProblemTarget {
  const m = /^(nodes|edges)\[([^\]]+)\](?:\.(.*))?$/.exec(field);
  if (!m) return { rest: field };
  const [, list, key, rest = ''] = m;
  const items = list === 'nodes' ? nodes : edges;
  let ref = key;
  if (/^\d+$/.test(key) && !items.some((x) => x.id === key) && items[Number(key)]) ref = items[Number(key)].id;
  return list === 'nodes' ? { nodeId: ref, rest } : { edgeId: ref, rest };
}

/** `variants[0].key` → `['variants', 0, 'key']`, an antd Form name path. */
export function toNamePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The problems that concern one node, with the part of the path inside the node (`config.templateId` or ''). */
export function problemsOfNode(problems: Problem[], nodeId: string, nodes: { id: string }[] = []): (Problem & { rest: string })[] {
  return problems.flatMap((p) => {
    const target = problemTarget(p.field, nodes);
    return target.nodeId === nodeId ? [{ ...p, rest: target.rest }] : [];
  });
}

/** A fresh id for a node or an edge: the prefix and the lowest number not taken. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let i = 1;
  while (used.has(`${prefix}${i}`)) i++;
  return `${prefix}${i}`;
}

/** The next unused variant key (A, B, C…), or null when all 26 are used. */
export function nextVariantKey(variants: SplitVariant[]): string | null {
  const used = new Set(variants.map((v) => v.key));
  for (let c = 65; c <= 90; c++) if (!used.has(String.fromCharCode(c))) return String.fromCharCode(c);
  return null;
}

/** True when an edge from `source` to `target` would close a cycle (target already reaches source). */
export function wouldCycle(edges: { source: string; target: string }[], source: string, target: string): boolean {
  if (source === target) return true;
  const seen = new Set<string>();
  const stack = [target];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === source) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}

/** A new journey's definition: triggered by the API, entry straight to exit. */
export function emptyDefinition(): Definition {
  return {
    entry: { kind: 'api' },
    reentry: { rule: 'once', days: null },
    enrolmentLimit: null,
    startsAt: null,
    endsAt: null,
    goal: { kind: 'order_placed', exitOnGoal: true },
    conversionWindowDays: 7,
    nodes: [
      { id: 'entry', type: 'entry', label: null, position: { x: 0, y: 0 }, config: {} },
      { id: 'exit', type: 'exit', label: null, position: { x: 0, y: 200 }, config: {} },
    ],
    edges: [{ id: 'e1', source: 'entry', sourceHandle: 'next', target: 'exit' }],
  };
}

/** A conversion rate (0..1) as a percent with one decimal; a dash when unknown. */
export function formatRatePercent(rate: number | null | undefined, locale?: string): string {
  if (rate == null || Number.isNaN(rate)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);
}

/** A p-value with three decimals (`< 0.001` below), a dash when not computed. */
export function formatPValue(p: number | null | undefined): string {
  if (p == null || Number.isNaN(p)) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** The server's problems for a draft that are still about it after an edit: those of what did not change. */
export function keepServerProblems(
  prev: { name: string; description: string | null; definition: Definition },
  next: { name: string; description: string | null; definition: Definition },
  problems: Problem[],
): Problem[] {
  const json = (v: unknown) => JSON.stringify(v ?? null);
  const graph = (d: Definition) => json({ nodes: d.nodes.map((n) => [n.id, n.type]), edges: d.edges, handles: d.nodes.map((n) => nodeOutputs(n.type, n.config)) });
  const { nodes: _pn, edges: _pe, ...prevSettings } = prev.definition;
  const { nodes: _nn, edges: _ne, ...nextSettings } = next.definition;
  const sameGraph = graph(prev.definition) === graph(next.definition);
  return problems.filter((p) => {
    if (p.source !== 'server') return true;
    const target = problemTarget(p.field, prev.definition.nodes, prev.definition.edges);
    if (target.nodeId) {
      const a = prev.definition.nodes.find((n) => n.id === target.nodeId);
      const b = next.definition.nodes.find((n) => n.id === target.nodeId);
      if (!b) return false;
      if (target.rest.startsWith('config')) return json(a?.config) === json(b.config);
      return sameGraph;
    }
    if (target.edgeId || p.field === 'nodes' || p.field === 'edges') return sameGraph;
    if (p.field === 'name' || p.field === 'description') return prev.name === next.name && prev.description === next.description;
    return json(prevSettings) === json(nextSettings);
  });
}

/** JSON with object keys sorted and blank labels as null: two drafts that mean the same compare equal. */
export function canonicalJson(input: { name: string; description: string | null; definition: Definition }): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v === undefined ? null : v;
  };
  const definition = { ...input.definition, nodes: input.definition.nodes.map((n) => ({ ...n, label: n.label?.trim() || null })) };
  return JSON.stringify(sort({ name: input.name, description: input.description || null, definition }));
}
