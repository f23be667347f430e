import { describe, expect, it } from 'vitest';
import type { IdentityType, TraitRule } from '../api/oneid';
import {
  TYPE_CODE_MAX,
  TYPE_NAME_MAX,
  TYPE_PRIORITY_MAX,
  changedRules,
  codeProblem,
  defaultDraft,
  draftOf,
  filterIdentityTypes,
  limitProblem,
  nameProblem,
  nonDefaultFields,
  orderedRules,
  priorityProblem,
  ruleErrorsByField,
  sortIdentityTypes,
  toNewIdentityType,
} from './oneid';

const type = (code: string, priority: number, displayName = code, builtin = false): IdentityType => ({
  code,
  displayName,
  priority,
  maxPerCustomer: null,
  shopScoped: false,
  pii: false,
  builtin,
});

// the server's defaults: every trait latest_non_empty but the birthday, oldest_non_empty
const SAVED: TraitRule[] = [
  { field: 'displayName', strategy: 'latest_non_empty', defaultStrategy: 'latest_non_empty' },
  { field: 'gender', strategy: 'latest_non_empty', defaultStrategy: 'latest_non_empty' },
  { field: 'birthday', strategy: 'latest_non_empty', defaultStrategy: 'oldest_non_empty' },
  { field: 'region', strategy: 'latest_non_empty', defaultStrategy: 'latest_non_empty' },
  { field: 'realName', strategy: 'latest_non_empty', defaultStrategy: 'latest_non_empty' },
];

describe('a new identity type is checked like the server checks it', () => {
  it('takes codes of 2–40 lower-case letters, digits or _, starting with a letter', () => {
    expect(codeProblem('loyalty_card')).toBeNull();
    expect(codeProblem('ab')).toBeNull();
    expect(codeProblem('a1_2')).toBeNull();
    expect(codeProblem('a'.repeat(TYPE_CODE_MAX))).toBeNull();
    expect(codeProblem('')).toBe('required');
    expect(codeProblem(undefined)).toBe('required');
    expect(codeProblem('a')).toBe('length');
    expect(codeProblem('a'.repeat(TYPE_CODE_MAX + 1))).toBe('length');
    expect(codeProblem('9card')).toBe('pattern');
    expect(codeProblem('_card')).toBe('pattern');
    expect(codeProblem('Card')).toBe('pattern');
    expect(codeProblem('loyalty-card')).toBe('pattern');
    expect(codeProblem(' card')).toBe('pattern');
  });

  it('takes names of 1–100 characters once stripped', () => {
    expect(nameProblem('会员卡号')).toBeNull();
    expect(nameProblem(`  ${'名'.repeat(TYPE_NAME_MAX)}  `)).toBeNull();
    expect(nameProblem('   ')).toBe('required');
    expect(nameProblem(undefined)).toBe('required');
    expect(nameProblem('x'.repeat(TYPE_NAME_MAX + 1))).toBe('length');
  });

  it('takes a whole priority from 1 (strongest) to 1000, and a limit of at least 1 or none', () => {
    expect(priorityProblem(1)).toBeNull();
    expect(priorityProblem(TYPE_PRIORITY_MAX)).toBeNull();
    expect(priorityProblem(null)).toBe('required');
    expect(priorityProblem(0)).toBe('range');
    expect(priorityProblem(TYPE_PRIORITY_MAX + 1)).toBe('range');
    expect(priorityProblem(2.5)).toBe('integer');
    expect(limitProblem(null)).toBeNull();
    expect(limitProblem(undefined)).toBeNull();
    expect(limitProblem(1)).toBeNull();
    expect(limitProblem(0)).toBe('range');
    expect(limitProblem(1000)).toBeNull();
    expect(limitProblem(1001)).toBe('range');
    expect(limitProblem(3000000000)).toBe('range');
    expect(limitProblem(-3)).toBe('range');
    expect(limitProblem(1.5)).toBe('integer');
  });

  it('sends the name stripped, an empty limit as none and the switch as a boolean', () => {
    expect(toNewIdentityType({ code: 'card', displayName: ' 会员卡 ', priority: 7, maxPerCustomer: undefined })).toEqual({
      code: 'card',
      displayName: '会员卡',
      priority: 7,
      maxPerCustomer: null,
      shopScoped: false,
    });
    expect(toNewIdentityType({ code: 'card', displayName: 'x', priority: 7, maxPerCustomer: 2, shopScoped: true })).toMatchObject({
      maxPerCustomer: 2,
      shopScoped: true,
    });
  });
});

describe('the identity type table', () => {
  it('lists the strongest first, ties by code', () => {
    const sorted = sortIdentityTypes([type('email', 20), type('phone', 10), type('card', 20), type('device_id', 90)]);
    expect(sorted.map((x) => x.code)).toEqual(['phone', 'card', 'email', 'device_id']);
  });

  it('filters by code, server name or shown name, ignoring case', () => {
    const types = [type('phone', 10, 'Phone', true), type('loyalty_card', 30, '会员卡'), type('email', 20, 'Email', true)];
    const shown = (x: IdentityType) => (x.code === 'phone' ? '手机号' : x.displayName);
    expect(filterIdentityTypes(types, 'LOYAL', shown).map((x) => x.code)).toEqual(['loyalty_card']);
    expect(filterIdentityTypes(types, '会员', shown).map((x) => x.code)).toEqual(['loyalty_card']);
    expect(filterIdentityTypes(types, '手机', shown).map((x) => x.code)).toEqual(['phone']);
    expect(filterIdentityTypes(types, 'phone', shown).map((x) => x.code)).toEqual(['phone']);
    expect(filterIdentityTypes(types, '  ', shown)).toHaveLength(types.length);
    expect(filterIdentityTypes(types, 'nothing', shown)).toEqual([]);
  });
});

describe('the trait merge rules card', () => {
  it('sends only the traits the draft changes', () => {
    const draft = draftOf(SAVED);
    expect(changedRules(SAVED, draft)).toEqual([]);
    draft.displayName = 'keep_existing';
    expect(changedRules(SAVED, draft)).toEqual([{ field: 'displayName', strategy: 'keep_existing' }]);
    draft.displayName = 'latest_non_empty';
    expect(changedRules(SAVED, draft)).toEqual([]);
  });

  it('marks the traits off their default, and resets them all', () => {
    expect(nonDefaultFields(SAVED, draftOf(SAVED))).toEqual(['birthday']);
    const draft = { ...draftOf(SAVED), gender: 'keep_existing' };
    expect(nonDefaultFields(SAVED, draft)).toEqual(['gender', 'birthday']);
    const reset = defaultDraft(SAVED);
    expect(nonDefaultFields(SAVED, reset)).toEqual([]);
    expect(changedRules(SAVED, reset)).toEqual([{ field: 'birthday', strategy: 'oldest_non_empty' }]);
  });

  it('shows the traits in the console order, unknown ones last', () => {
    const shuffled = [SAVED[4], { field: 'nickname2', strategy: 'x', defaultStrategy: 'x' }, SAVED[0], SAVED[2], SAVED[1], SAVED[3]];
    expect(orderedRules(shuffled).map((r) => r.field)).toEqual(['displayName', 'gender', 'birthday', 'region', 'realName', 'nickname2']);
  });

  it("puts the server's rules[i] errors on the trait sent at i", () => {
    const sent = [
      { field: 'gender', strategy: 'keep_existing' },
      { field: 'region', strategy: 'newest' },
    ];
    const { byField, other } = ruleErrorsByField(sent, [
      { field: 'rules[1].strategy', message: 'must be one of latest_non_empty, oldest_non_empty, keep_existing' },
      { field: 'rules[5].field', message: 'must be one of …' },
      { field: 'rules', message: 'is required' },
    ]);
    expect(byField).toEqual({ region: ['must be one of latest_non_empty, oldest_non_empty, keep_existing'] });
    expect(other).toEqual(['rules[5].field: must be one of …', 'rules: is required']);
  });
});
