import { describe, expect, it } from 'vitest';
import type { Definition, JourneyEdge, JourneyNode } from '../api/journeys';
import {
  cleanConfig,
  cleanEntry,
  configProblems,
  definitionProblems,
  emptyDefinition,
  formatPValue,
  freshId,
  graphProblems,
  keepServerProblems,
  nextVariantKey,
  nodeOutputs,
  problemTarget,
  problemsOfNode,
  settingsProblems,
  toNamePath,
  wouldCycle,
} from './journeys';

const node = (id: string, type: JourneyNode['type'], config: JourneyNode['config'] = {}): JourneyNode => ({
  id,
  type,
  label: null,
  position: { x: 0, y: 0 },
  config,
});
const edge = (id: string, source: string, sourceHandle: string, target: string): JourneyEdge => ({ id, source, sourceHandle, target });
const codes = (nodes: JourneyNode[], edges: JourneyEdge[]) => graphProblems(nodes, edges).map((p) => `${p.field}:${p.code}`);

describe('journey node outputs', () => {
  it('follow the contract: next, yes/no, event/timeout, variant:X, none for exit', () => {
    expect(nodeOutputs('entry', {})).toEqual(['next']);
    expect(nodeOutputs('wait', { mode: 'duration', minutes: 5 })).toEqual(['next']);
    expect(nodeOutputs('wait', { mode: 'event' })).toEqual(['event', 'timeout']);
    expect(nodeOutputs('condition', {})).toEqual(['yes', 'no']);
    expect(nodeOutputs('split', { variants: [{ key: 'A', percent: 50 }, { key: 'B', percent: 50 }] })).toEqual(['variant:A', 'variant:B']);
    expect(nodeOutputs('exit', {})).toEqual([]);
  });
});

describe('journey graph rules', () => {
  it('accept entry → send → exit', () => {
    expect(codes([node('s', 'entry'), node('m', 'send_message', { templateId: 't' }), node('x', 'exit')], [edge('e1', 's', 'next', 'm'), edge('e2', 'm', 'next', 'x')])).toEqual([]);
  });

  it('report a dead end per unconnected handle, an unreachable node and a second edge on one handle', () => {
    const nodes = [node('s', 'entry'), node('c', 'condition'), node('x', 'exit'), node('lost', 'exit')];
    expect(codes(nodes, [edge('e1', 's', 'next', 'c'), edge('e2', 'c', 'yes', 'x')])).toEqual(['nodes[c]:deadEnd', 'nodes[lost]:unreachable']);
    expect(codes(nodes, [edge('e1', 's', 'next', 'c'), edge('e2', 'c', 'yes', 'x'), edge('e3', 'c', 'yes', 'lost'), edge('e4', 'c', 'no', 'x')])).toEqual([
      'nodes[c]:handleTwice',
    ]);
  });

  it('report cycles, edges into the entry, unknown nodes and handles, and a missing or second entry', () => {
    const nodes = [node('s', 'entry'), node('w', 'wait', { mode: 'duration', minutes: 1 }), node('m', 'send_message')];
    const problems = codes(nodes, [edge('e1', 's', 'next', 'w'), edge('e2', 'w', 'next', 'm'), edge('e3', 'm', 'next', 'w')]);
    expect(problems).toContain('nodes[w]:cycle');
    expect(codes([node('s', 'entry'), node('x', 'exit')], [edge('e1', 's', 'next', 'x'), edge('e2', 'x', 'next', 's')])).toEqual(
      expect.arrayContaining(['edges[e2].sourceHandle:edgeHandle', 'edges[e2].target:edgeIntoEntry']),
    );
    expect(codes([node('s', 'entry')], [edge('e1', 's', 'next', 'nope')])).toEqual(['edges[e1].target:edgeNode', 'nodes[s]:deadEnd']);
    expect(codes([node('x', 'exit')], [])).toEqual(['nodes:entryMissing']);
    expect(codes([node('a', 'entry'), node('b', 'entry'), node('x', 'exit')], [edge('e1', 'a', 'next', 'x'), edge('e2', 'b', 'next', 'x')])).toEqual([
      'nodes[b]:entryTwice',
    ]);
  });

  it('tell whether a new edge would close a cycle', () => {
    const edges = [edge('e1', 'a', 'next', 'b'), edge('e2', 'b', 'next', 'c')];
    expect(wouldCycle(edges, 'c', 'a')).toBe(true);
    expect(wouldCycle(edges, 'a', 'a')).toBe(true);
    expect(wouldCycle(edges, 'a', 'c')).toBe(false);
  });
});

describe('journey node config rules', () => {
  it('require templates, tags, a reason and non-zero points, an https url', () => {
    expect(configProblems('send_message', { templateId: null })).toEqual({ templateId: { code: 'templateRequired' } });
    expect(configProblems('add_tag', { tagId: 'x' })).toEqual({});
    expect(configProblems('adjust_points', { points: 0, reason: ' ' })).toEqual({ points: { code: 'pointsNonZero', params: { max: 1_000_000 } }, reason: { code: 'required' } });
    expect(configProblems('webhook', { url: 'ftp://example.com' })).toEqual({ url: { code: 'http' } });
    expect(configProblems('create_task', { title: 'Call', dueInHours: 0 })).toEqual({ dueInHours: { code: 'range', params: { min: 1, max: 2160 } } });
    expect(configProblems('webhook', { url: 'https://example.com/hook' })).toEqual({});
  });

  it('check the wait modes and event filters', () => {
    expect(configProblems('wait', { mode: 'duration', minutes: 0 })).toEqual({ minutes: { code: 'range', params: { min: 1, max: 527040 } } });
    expect(configProblems('wait', { mode: 'time_of_day', time: '24:00' })).toEqual({ time: { code: 'time' } });
    expect(
      configProblems('wait', { mode: 'event', eventType: 'custom', customName: '', timeoutMinutes: 60, filters: [{ property: '', operator: 'gt', value: 'x' }] }),
    ).toEqual({ customName: { code: 'customName' }, 'filters[0].property': { code: 'required' }, 'filters[0].value': { code: 'number' } });
  });

  it('check split percents, keys and the holdout', () => {
    expect(configProblems('split', { variants: [{ key: 'A', percent: 50 }, { key: 'B', percent: 40 }], holdoutPercent: 10 })).toEqual({});
    expect(configProblems('split', { variants: [{ key: 'A', percent: 50 }, { key: 'A', percent: 40 }], holdoutPercent: 0 })).toEqual({
      'variants[1].key': { code: 'variantKeyTaken' },
      variants: { code: 'percentSum', params: { sum: 90 } },
    });
    expect(nextVariantKey([{ key: 'A', percent: 1 }, { key: 'C', percent: 1 }])).toBe('B');
  });

  it('require a condition with at least one rule', () => {
    expect(configProblems('condition', { condition: { type: 'and', children: [] } })).toEqual({ condition: { code: 'conditionEmpty' } });
  });

  it('keep only the fields of the type and wait mode', () => {
    expect(cleanConfig('wait', { mode: 'time_of_day', minutes: 5, time: '09:00' })).toEqual({ mode: 'time_of_day', time: '09:00' });
    expect(cleanConfig('send_message', { templateId: 't', tagId: 'x' })).toEqual({ templateId: 't' });
  });
});

describe('journey settings rules', () => {
  it('need a segment for segment entries, days for once-per-days, an end after the start', () => {
    const base = emptyDefinition();
    expect(settingsProblems(base)).toEqual({});
    expect(
      settingsProblems({
        ...base,
        entry: { kind: 'segment_send', segmentId: null, recurrence: 'none' },
        reentry: { rule: 'once_per_days', days: null },
        startsAt: '2026-01-02T00:00:00Z',
        endsAt: '2026-01-01T00:00:00Z',
        conversionWindowDays: 0,
      }),
    ).toEqual({
      'entry.segmentId': { code: 'required' },
      'reentry.days': { code: 'range', params: { min: 1, max: 3650 } },
      endsAt: { code: 'endBeforeStart' },
      conversionWindowDays: { code: 'range', params: { min: 1, max: 90 } },
    });
  });

  it('put config problems under the node with the server path', () => {
    const def: Definition = {
      ...emptyDefinition(),
      nodes: [node('entry', 'entry'), node('n3', 'send_message', { templateId: null }), node('exit', 'exit')],
      edges: [edge('e1', 'entry', 'next', 'n3'), edge('e2', 'n3', 'next', 'exit')],
    };
    expect(definitionProblems(def).map((p) => p.field)).toEqual(['nodes[n3].config.templateId']);
  });
});

describe('server field paths', () => {
  it('name the node or edge and the path inside', () => {
    expect(problemTarget('nodes[n3].config.templateId')).toEqual({ nodeId: 'n3', rest: 'config.templateId' });
    expect(problemTarget('nodes[n7]')).toEqual({ nodeId: 'n7', rest: '' });
    expect(problemTarget('edges[e2].target')).toEqual({ edgeId: 'e2', rest: 'target' });
    expect(problemTarget('entry.segmentId')).toEqual({ rest: 'entry.segmentId' });
    expect(problemTarget('nodes[1].config.points', [{ id: 'a' }, { id: 'b' }])).toEqual({ nodeId: 'b', rest: 'config.points' });
    const ps = [
      { field: 'nodes[n3].config.templateId', message: 'choose one', source: 'server' as const },
      { field: 'nodes[n4]', code: 'deadEnd', source: 'client' as const },
    ];
    expect(problemsOfNode(ps, 'n3').map((p) => p.rest)).toEqual(['config.templateId']);
  });

  it('become form name paths', () => {
    expect(toNamePath('variants[0].key')).toEqual(['variants', 0, 'key']);
    expect(toNamePath('entry.filters[2].value')).toEqual(['entry', 'filters', 2, 'value']);
    expect(toNamePath('templateId')).toEqual(['templateId']);
  });

  it('give fresh ids and p-values', () => {
    expect(freshId('n', ['n1', 'n2', 'n4'])).toBe('n3');
    expect(formatPValue(0.0004)).toBe('< 0.001');
    expect(formatPValue(0.04567)).toBe('0.046');
    expect(formatPValue(null)).toBe('—');
  });
});

describe('journey entry', () => {
  it('keeps only the fields of its kind', () => {
    expect(cleanEntry({ kind: 'segment_send', segmentId: 's', eventType: 'x' })).toEqual({ kind: 'segment_send', segmentId: 's', sendAt: null, recurrence: 'none' });
    expect(cleanEntry({ kind: 'birthday', segmentId: 's' })).toEqual({ kind: 'birthday' });
    expect(cleanEntry({ kind: 'event', eventType: 'add_to_cart', customName: 'x', filters: [{ property: 'sku', operator: 'exists', value: 'y' }] })).toEqual({
      kind: 'event',
      eventType: 'add_to_cart',
      customName: null,
      filters: [{ property: 'sku', operator: 'exists', value: null }],
    });
  });
});

describe('server problems after an edit', () => {
  it('are dropped for what changed and kept for the rest', () => {
    const def: Definition = {
      ...emptyDefinition(),
      nodes: [node('entry', 'entry'), node('n3', 'send_message', { templateId: null }), node('n4', 'add_tag', { tagId: 'gone' }), node('exit', 'exit')],
      edges: [edge('e1', 'entry', 'next', 'n3'), edge('e2', 'n3', 'next', 'n4'), edge('e3', 'n4', 'next', 'exit')],
    };
    const prev = { name: 'J', description: null, definition: def };
    const server = (field: string) => ({ field, message: 'x', source: 'server' as const });
    const problems = [server('nodes[n3].config.templateId'), server('nodes[n4].config.tagId'), server('entry.segmentId'), server('nodes[n4]')];
    const edited = { ...prev, definition: { ...def, nodes: def.nodes.map((n) => (n.id === 'n3' ? { ...n, config: { templateId: 't' } } : n)) } };
    expect(keepServerProblems(prev, edited, problems).map((p) => p.field)).toEqual(['nodes[n4].config.tagId', 'entry.segmentId', 'nodes[n4]']);
    const rewired = { ...prev, definition: { ...def, entry: { kind: 'birthday' as const }, edges: def.edges.slice(0, 2) } };
    expect(keepServerProblems(prev, rewired, problems).map((p) => p.field)).toEqual(['nodes[n3].config.templateId', 'nodes[n4].config.tagId']);
  });
});
