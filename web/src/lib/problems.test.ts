import { describe, expect, it } from 'vitest';
import { ApiError, toProblem } from '../api/api';
import conditionEn from '../i18n/condition.en';
import conditionZhCN from '../i18n/condition.zh-CN';
import { createTranslator, placeholders } from '../i18n/core';
import { conditionProblemTexts, serverCodePrefix, serverProblemKey, serverProblemText, wordedFieldErrors } from './problems';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');

/** The server's answer to a validation, as the console reads it. */
const answer = (errors: unknown[]) =>
  new ApiError(toProblem(400, 'Bad Request', { type: 'https://liuliang.dev/problems/validation', title: 'Validation failed', status: 400, errors }))
    .fieldErrors;

describe('the server problems the console words', () => {
  it('are those of a known prefix, each worded by <prefix>v.<name>', () => {
    expect(serverProblemKey('journey.range')).toBe('journey.v.range');
    expect(serverProblemKey('segment.unknownField')).toBe('segment.v.unknownField');
    expect(serverProblemKey('identity_type.codeTaken')).toBe('identity_type.v.codeTaken');
    expect(serverCodePrefix('segment.cycle')).toBe('segment.');
    for (const code of ['segment.', 'journey.', 'identity_type.', 'identity_types.code', 'coupon.code', 'segments.x', 'range', '', undefined, null]) {
      expect(serverProblemKey(code), String(code)).toBeUndefined();
    }
  });

  it('word a condition problem from its code and values in both languages', () => {
    const [unknown, days, tag, cycle] = answer([
      { field: 'condition.children[1].field', message: 'unknown field shoe_size', code: 'segment.unknownField', params: { field: 'shoe_size' } },
      { field: 'condition.children[2].value', message: 'must be a whole number of days from 1 to 3650', code: 'segment.days', params: { max: '3650' } },
      { field: 'condition', message: 'tag 1f0e does not exist', code: 'segment.tagMissing', params: { id: '1f0e' } },
      { field: 'condition', message: 'segments would refer to each other in a cycle', code: 'segment.cycle' },
    ]);
    expect(serverProblemText(zh, unknown)).toBe('未知字段 shoe_size');
    expect(serverProblemText(en, unknown)).toBe('Unknown field shoe_size');
    expect(serverProblemText(zh, days)).toBe('请输入 1 到 3650 天');
    expect(serverProblemText(en, days)).toBe('Enter 1 to 3650 days');
    expect(serverProblemText(zh, tag)).toBe('该标签已不存在，请重新选择');
    expect(serverProblemText(zh, cycle)).toBe('分群之间会形成循环引用');
    expect(serverProblemText(en, cycle)).toBe('Segments would refer to each other in a loop');
  });

  it('name the choices of comparisons and options by the labels the builder shows', () => {
    const [operator, option] = answer([
      { field: 'condition.children[0].op', message: 'must be one of eq, gte, between', code: 'segment.operator', params: { choices: 'eq, gte, between' } },
      { field: 'condition.children[1].value', message: 'must be one of active, at_risk', code: 'segment.option', params: { choices: 'active, at_risk' } },
    ]);
    expect(serverProblemText(zh, operator)).toBe(`请选择比较方式：${zh.t('segment.op.eq')}、${zh.t('segment.op.gte')}、${zh.t('segment.op.between')}`);
    expect(serverProblemText(en, operator)).toBe('Choose a comparison: =, ≥, between');
    expect(serverProblemText(zh, option)).toBe(`须为以下之一：${zh.t('segment.option.active')}、${zh.t('segment.option.at_risk')}`);
    // a choice the console has no label for is shown as the server gave it
    expect(serverProblemText(en, { message: 'must be one of x_y', code: 'segment.option', params: { choices: 'x_y' } })).toBe('Choose one of x_y');
  });

  it('keep the English message for a code the console does not word, or none', () => {
    const [newName, otherModule, none, empty] = answer([
      { field: 'condition.children[0]', message: 'must be shorter', code: 'segment.somethingNew', params: { max: '3' } },
      { field: 'code', message: 'is taken', code: 'coupon.codeTaken' },
      { field: 'condition', message: 'is required' },
      { field: 'condition', message: '' },
    ]);
    expect(serverProblemText(zh, newName)).toBe('must be shorter');
    expect(serverProblemText(zh, otherModule)).toBe('is taken');
    expect(serverProblemText(zh, none)).toBe('is required');
    expect(serverProblemText(zh, empty)).toBe(zh.t('error.validation'));
  });

  it('word a new identity type’s problems on its form’s fields, and keep the others as the server gave them', () => {
    const errors = answer([
      { field: 'code', message: 'the identity type member_number exists', code: 'identity_type.codeTaken', params: { code: 'member_number' } },
      { field: 'priority', message: 'must be between 1 (strongest) and 1000', code: 'identity_type.priorityRange', params: { min: '1', max: '1000' } },
      { field: 'displayName', message: 'must be 1 to 100 characters', code: 'identity_type.required' },
      { field: 'shopScoped', message: 'is required' },
    ]);
    expect(wordedFieldErrors(zh, errors).map((e) => [e.field, e.message])).toEqual([
      ['code', '身份类型 member_number 已存在'],
      ['priority', '1（最高）到 1000 之间的整数'],
      ['displayName', '必填'],
      ['shopScoped', 'is required'],
    ]);
    expect(wordedFieldErrors(en, errors).map((e) => e.message)).toEqual([
      'The identity type member_number already exists',
      'A whole number from 1 (strongest) to 1000',
      'Required',
      'is required',
    ]);
    // the code and values stay with the worded problem
    expect(wordedFieldErrors(en, errors)[0]).toMatchObject({ code: 'identity_type.codeTaken', params: { code: 'member_number' } });
  });

  it('give a condition’s problems by path, in the user’s language', () => {
    const errors = answer([
      { field: 'name', message: 'is required' },
      { field: 'condition.children[0].field', message: 'unknown field x', code: 'segment.unknownField', params: { field: 'x' } },
      { field: 'condition', message: 'predictions are not available yet', code: 'segment.predictionsUnavailable' },
    ]);
    expect(conditionProblemTexts(zh, errors)).toEqual({
      'condition.children[0].field': '未知字段 x',
      condition: '预测尚未生成，暂不能按预测筛选',
    });
    expect(conditionProblemTexts(en, errors).condition).toBe('Predictions are not available yet: no prediction has been computed');
  });

  it('are worded in both languages with the same values', () => {
    expect(Object.keys(conditionZhCN).sort()).toEqual(Object.keys(conditionEn).sort());
    for (const key of Object.keys(conditionEn) as (keyof typeof conditionEn)[]) {
      expect(key.startsWith('segment.v.'), key).toBe(true);
      expect(placeholders(conditionZhCN[key]), key).toEqual(placeholders(conditionEn[key]));
    }
  });
});
