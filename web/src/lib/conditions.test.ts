import { describe, expect, it } from 'vitest';
import type { ConditionCatalog, GroupCondition } from '../api/segments';
import { checkCondition, countRules, fieldRule, replaceAt, valueKind } from './conditions';

const catalog: ConditionCatalog = {
  fields: [
    { key: 'net_spent', group: 'metrics', type: 'number', operators: ['eq', 'gte', 'between'], options: [], nullable: false },
    { key: 'lifecycle_stage', group: 'lifecycle', type: 'enum', operators: ['eq', 'in'], options: ['new', 'active'], nullable: false },
  ],
  eventTypes: ['add_to_cart'],
  orderMeasures: ['count', 'amount'],
  orderOperators: ['gte'],
  propertyOperators: ['eq'],
  predictionsAvailable: false,
};

describe('segment conditions', () => {
  it('chooses the value input from the field type and operator', () => {
    expect(valueKind('number', 'between')).toBe('numberRange');
    expect(valueKind('timestamp', 'within_last_days')).toBe('days');
    expect(valueKind('enum', 'in')).toBe('options');
    expect(valueKind('text', 'is_empty')).toBe('none');
    expect(fieldRule(catalog.fields[1])).toEqual({ type: 'field', field: 'lifecycle_stage', op: 'eq', value: 'new' });
  });

  it('reports problems with the paths the server uses', () => {
    const c: GroupCondition = {
      type: 'and',
      children: [
        { type: 'field', field: 'net_spent', op: 'gte', value: null },
        { type: 'or', children: [] },
        { type: 'event', event: 'add_to_cart', did: true, times: 0, withinDays: 7, properties: [] },
      ],
    };
    expect(checkCondition(c, catalog)).toEqual({
      'condition.children[0].value': 'number',
      'condition.children[1].children': 'emptyGroup',
      'condition.children[2].times': 'times',
    });
  });

  it('replaces and removes nodes by path', () => {
    const c: GroupCondition = { type: 'and', children: [fieldRule(catalog.fields[0]), { type: 'or', children: [fieldRule(catalog.fields[1])] }] };
    const removed = replaceAt(c, [1, 0], null) as GroupCondition;
    expect(countRules(removed)).toBe(1);
    expect((removed.children[1] as GroupCondition).children).toHaveLength(0);
  });
});
