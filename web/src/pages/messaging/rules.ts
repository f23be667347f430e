import { useCallback } from 'react';
import type { FormRule } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/core';
import type { Problem, TemplateProblem } from '../../lib/messaging';

/** The text of a client problem (`msg.v.<code>`), with its line for template problems. */
export function useProblemText(): (problem: Problem | TemplateProblem) => string {
  const { t } = useI18n();
  return useCallback(
    (problem) => {
      const text = t(`msg.v.${problem.code}` as MessageKey, problem.params);
      return 'line' in problem ? t('msg.v.atLine', { line: problem.line, text }) : text;
    },
    [t],
  );
}

/**
 * antd rules that share one check of all the form's values (the client copy of the server's rules), so that rules
 * across fields agree: `rule('email.host')` fails with the problem `problemsOf(values)` reports for that path.
 */
export function useProblemRule<V>(problemsOf: (values: V) => Record<string, Problem>): (field: string) => FormRule {
  const text = useProblemText();
  return useCallback(
    (field: string): FormRule =>
      ({ getFieldsValue }) => ({
        validator() {
          const problem = problemsOf(getFieldsValue(true) as V)[field];
          return problem ? Promise.reject(new Error(text(problem))) : Promise.resolve();
        },
      }),
    [problemsOf, text],
  );
}
