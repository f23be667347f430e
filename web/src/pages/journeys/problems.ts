import { useCallback, useEffect, useRef } from 'react';
import type { FormInstance } from 'antd';
import type { Translator } from '../../i18n/core';
import { useI18n } from '../../i18n/I18nProvider';
import type { Problem, ProblemMap } from '../../lib/journeys';
import { serverCodePrefix, serverProblemText } from '../../lib/problems';
import { handleLabel } from './nodeKinds';

/**
 * A problem in words, in the user's language: its code worded by `journey.v.<code>` with its params (the console's
 * problems and the server's alike), a condition split's server problem (`segment.<name>`) as the segment builder
 * words it, or the server's English message when the console does not know the code.
 */
export function useProblemText(): (p: Pick<Problem, 'code' | 'params' | 'message'>) => string {
  const tr = useI18n();
  return useCallback((p) => problemText(tr, p), [tr]);
}

export function problemText(tr: Translator, p: Pick<Problem, 'code' | 'params' | 'message'>): string {
  const params = { ...(p.params ?? {}) };
  if (typeof params.handle === 'string') params.handle = handleLabel(tr, params.handle);
  // the condition builder's own problems keep the segment builder's words
  if (!p.message && p.code?.startsWith('condition.')) return tr.tOr(`segment.problem.${p.code.slice('condition.'.length)}`, tr.t('error.validation'));
  // the server's problems of the condition model keep their whole code (journey codes lose their prefix)
  if (serverCodePrefix(p.code)) return serverProblemText(tr, { code: p.code, params: p.params, message: p.message ?? '' });
  const key = `journey.v.${p.code}`;
  if (p.code && tr.has(key)) return tr.t(key, params);
  if (p.message) return p.message;
  return p.code ?? tr.t('error.validation');
}

/**
 * antd Form rules backed by one function that computes a form's problems from its current values (the same
 * function the canvas uses to mark nodes), so a field's message and the node's red border agree.
 */
/** A rule with a validator only: fits a Form.Item's and a Form.List's `rules`. */
export type ProblemRule = { validator: () => Promise<void> };

export function useProblemRule(compute: () => ProblemMap): (path: string) => ProblemRule {
  const text = useProblemText();
  const ref = useRef(compute);
  ref.current = compute;
  return useCallback(
    (path: string): ProblemRule => ({
      validator: () => {
        const p = ref.current()[path];
        return p ? Promise.reject(new Error(text(p))) : Promise.resolve();
      },
    }),
    [text],
  );
}

/**
 * Shows a form's problems at once when it has any (the node is red on the canvas; the panel says why): runs its
 * rules, then puts the server's messages on their fields.
 */
export function useShowProblems(form: FormInstance, active: boolean, serverFields: { name: (string | number)[]; errors: string[] }[], resetKey?: string) {
  const serverKey = JSON.stringify(serverFields);
  useEffect(() => {
    if (!active) return;
    void form
      .validateFields()
      .catch(() => undefined)
      .finally(() => {
        const fields = JSON.parse(serverKey) as { name: (string | number)[]; errors: string[] }[];
        if (fields.length > 0) form.setFields(fields as never);
      });
  }, [form, active, serverKey, resetKey]);
}
