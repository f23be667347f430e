import { describe, expect, it } from 'vitest';
import { toProblem, ApiError } from '../../api/api';
import { createTranslator } from '../../i18n/core';
import { serverProblems } from '../../lib/journeys';
import { problemText } from './problems';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');

/** The server's answer to a validation, as the console reads it. */
const answer = (errors: unknown[]) =>
  new ApiError(toProblem(400, 'Bad Request', { type: 'https://liuliang.dev/problems/validation', title: 'Validation failed', status: 400, errors }))
    .fieldErrors;

describe('the server problems of a journey', () => {
  it('are read with their code and params', () => {
    const errors = answer([
      { field: 'nodes[w].config.minutes', message: 'must be a whole number from 1 to 527040', code: 'journey.range', params: { max: '527040', min: '1' } },
      { field: 'name', message: 'is required' },
      { field: 'x', message: 'm', code: 7, params: ['a'] },
    ]);
    expect(errors).toEqual([
      { field: 'nodes[w].config.minutes', message: 'must be a whole number from 1 to 527040', code: 'journey.range', params: { max: '527040', min: '1' } },
      { field: 'name', message: 'is required' },
      { field: 'x', message: 'm' },
    ]);
    expect(serverProblems(errors)).toEqual([
      { field: 'nodes[w].config.minutes', message: 'must be a whole number from 1 to 527040', code: 'range', params: { max: '527040', min: '1' }, source: 'server' },
      { field: 'name', message: 'is required', source: 'server' },
      { field: 'x', message: 'm', source: 'server' },
    ]);
  });

  it('are worded in the chosen language from their code and params', () => {
    const [range, minutes, deadEnd, sum, tag] = serverProblems(
      answer([
        { field: 'nodes[w].config.minutes', message: 'must be a whole number from 1 to 527040', code: 'journey.range', params: { min: '1', max: '527040' } },
        { field: 'nodes[w].config.minutes', message: 'is required: how long to wait', code: 'journey.minutesRequired' },
        { field: 'nodes[s]', message: 'has no outgoing edge for variant:B (every path must end in an exit node)', code: 'journey.deadEnd', params: { handle: 'variant:B' } },
        { field: 'nodes[s].config.variants', message: "the variants' percentages and the holdout must add up to 100 (now 70)", code: 'journey.percentSum', params: { sum: '70' } },
        { field: 'nodes[t].config.tagId', message: 'manual tag 1f0e… does not exist', code: 'journey.tagMissing', params: { id: '1f0e…' } },
      ]),
    );
    expect(problemText(zh, range)).toBe('1 到 527040 之间的整数');
    expect(problemText(en, range)).toBe('A whole number from 1 to 527040');
    expect(problemText(zh, minutes)).toBe('请填写等待时长');
    expect(problemText(en, minutes)).toBe('Enter how long to wait');
    expect(problemText(zh, deadEnd)).toBe(`死胡同：“${zh.t('journey.handle.variant', { key: 'B' })}”没有连线（路径须以结束节点收尾）`);
    expect(problemText(zh, sum)).toBe('各组与对照组合计 70%，应为 100%');
    expect(problemText(zh, tag)).toBe('该手动标签已不存在，请重新选择');
  });

  it('keep the server message for a code the console does not know, or none', () => {
    const [unknown, other, none] = serverProblems(
      answer([
        { field: 'nodes[w].config.minutes', message: 'must be shorter', code: 'journey.somethingNew', params: { max: '3' } },
        { field: 'nodes[c].config.code', message: 'is taken', code: 'coupon.codeTaken' },
        { field: 'customerIds', message: 'must list 1 to 1000 customer ids' },
      ]),
    );
    expect(problemText(zh, unknown)).toBe('must be shorter');
    expect(problemText(zh, other)).toBe('is taken');
    expect(problemText(zh, none)).toBe('must list 1 to 1000 customer ids');
  });

  it('word a condition split’s problems by the condition model’s codes, as the segment builder does', () => {
    const [unknown, tag, newName] = serverProblems(
      answer([
        { field: 'nodes[c].config.condition.children[0].field', message: 'unknown field shoe_size', code: 'segment.unknownField', params: { field: 'shoe_size' } },
        { field: 'nodes[c].config.condition', message: 'tag 1f0e does not exist', code: 'segment.tagMissing', params: { id: '1f0e' } },
        { field: 'nodes[c].config.condition.children[1]', message: 'must be newer', code: 'segment.somethingNew' },
      ]),
    );
    expect(unknown).toEqual({
      field: 'nodes[c].config.condition.children[0].field',
      message: 'unknown field shoe_size',
      code: 'segment.unknownField',
      params: { field: 'shoe_size' },
      source: 'server',
    });
    expect(problemText(zh, unknown)).toBe('未知字段 shoe_size');
    expect(problemText(en, unknown)).toBe('Unknown field shoe_size');
    expect(problemText(zh, tag)).toBe('该标签已不存在，请重新选择');
    expect(problemText(en, tag)).toBe('This tag no longer exists; choose another');
    expect(problemText(zh, newName)).toBe('must be newer');
  });

  it('are worded like the console’s own problems', () => {
    expect(problemText(zh, { code: 'deadEnd', params: { handle: 'next' } })).toBe(problemText(zh, serverProblems([{ field: 'nodes[a]', message: 'has no outgoing edge for next', code: 'journey.deadEnd', params: { handle: 'next' } }])[0]));
    expect(problemText(en, { code: 'nope' })).toBe('nope');
    expect(problemText(en, {})).toBe(en.t('error.validation'));
  });
});
