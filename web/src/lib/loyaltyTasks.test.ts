import { describe, expect, it } from 'vitest';
import { NEW_BADGE_VALUES, NEW_TASK_VALUES, badgeProblems, taskProblems, toTaskInput } from './loyaltyTasks';

describe('taskProblems', () => {
  it('accepts the defaults with a code and a name', () => {
    expect(taskProblems({ ...NEW_TASK_VALUES, code: 'daily_check_in', name: '每日签到' })).toEqual({});
  });
  it('mirrors TaskService', () => {
    const p = taskProblems({ ...NEW_TASK_VALUES, code: 'Share!', name: 'x'.repeat(61), rewardPoints: 0, limitPerPeriod: 1001 });
    expect(p.code?.code).toBe('codePattern');
    expect(p.name?.code).toBe('nameLength');
    expect(p.rewardPoints?.code).toBe('rewardRange');
    expect(p.limitPerPeriod?.code).toBe('limitRange');
    expect(taskProblems({ ...NEW_TASK_VALUES, code: 'a'.repeat(41), name: 'n' }).code?.code).toBe('codePattern');
    expect(taskProblems({ ...NEW_TASK_VALUES, code: 'a'.repeat(40), name: 'n' }).code).toBeUndefined();
  });
  it('asks for the event name of a custom_event task only', () => {
    const base = { ...NEW_TASK_VALUES, code: 'live', name: '看直播', eventName: '' };
    expect(taskProblems({ ...base, action: 'custom_event' }).eventName?.code).toBe('required');
    expect(taskProblems({ ...base, action: 'share' }).eventName).toBeUndefined();
  });
  it('sends the event name for custom_event only', () => {
    expect(toTaskInput({ ...NEW_TASK_VALUES, action: 'share', eventName: 'x' }).eventName).toBeNull();
    expect(toTaskInput({ ...NEW_TASK_VALUES, action: 'custom_event', eventName: ' live ' }).eventName).toBe('live');
  });
});

describe('badgeProblems', () => {
  it('wants a threshold of at least 1', () => {
    expect(badgeProblems({ ...NEW_BADGE_VALUES, code: 'vip', name: '首席体验官', threshold: 0 }).threshold?.code).toBe('thresholdPositive');
    expect(badgeProblems({ ...NEW_BADGE_VALUES, code: 'vip', name: '首席体验官' })).toEqual({});
  });
});
