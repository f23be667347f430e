import { describe, expect, it } from 'vitest';
import {
  ENROLMENT_STATES,
  ENTRY_KINDS,
  FILTER_OPERATORS,
  JOURNEY_STATUSES,
  LIFECYCLE_STAGES,
  NODE_TYPES,
  RECURRENCES,
  SKIP_REASONS,
  REENTRY_RULES,
  TASK_STATUSES,
  TIER_CHANGES,
  UPDATABLE_FIELDS,
  WAIT_MODES,
} from '../api/journeys';
import { createTranslator } from './core';

describe('labels of journey codes', () => {
  it('name every node type, entry kind, status, state, rule and operator of the contract in both languages', () => {
    const lists: [string, readonly string[]][] = [
      ['journey.node', NODE_TYPES],
      ['journey.nodeHelp', NODE_TYPES],
      ['journey.entry', ENTRY_KINDS],
      ['journey.entryHelp', ENTRY_KINDS],
      ['journey.status', JOURNEY_STATUSES],
      ['journey.state', ENROLMENT_STATES],
      ['journey.reentry', REENTRY_RULES],
      ['journey.recurrence', RECURRENCES],
      ['journey.tierChange', TIER_CHANGES],
      ['journey.waitMode', WAIT_MODES],
      ['journey.op', FILTER_OPERATORS],
      ['journey.field', UPDATABLE_FIELDS],
      ['journey.handle', ['next', 'yes', 'no', 'event', 'timeout', 'variant']],
      ['journeyTask.status', TASK_STATUSES],
      ['journey.skip', SKIP_REASONS],
      ['segment.option', LIFECYCLE_STAGES],
    ];
    for (const lang of ['zh-CN', 'en'] as const) {
      const tr = createTranslator(lang);
      for (const [prefix, codes] of lists) for (const c of codes) expect(tr.has(`${prefix}.${c}`), `${lang} ${prefix}.${c}`).toBe(true);
    }
    expect(createTranslator('zh-CN').t('nav.journeys')).toBe('营销旅程');
    expect(createTranslator('zh-CN').t('nav.journeyTasks')).toBe('跟进任务');
    expect(createTranslator('en').t('nav.journeys')).toBe('Journeys');
    expect(createTranslator('en').t('nav.journeyTasks')).toBe('Follow-up tasks');
  });
});
