/**
 * The server's coded problems in the user's language. A problem the server reports with a stable code and values
 * (`{ code: 'segment.unknownField', params: { field: 'shoe_size' } }`) is worded by the console's text of that code;
 * one it does not word (an unknown prefix or name, or no code) keeps the server's English message.
 */
import type { FieldError } from '../api/api';
import type { Params, Translator } from '../i18n/core';

/**
 * The prefixes of the codes the console words, each by `<prefix>v.<name>`: `journey.range` by `journey.v.range`
 * (JourneyProblem), `segment.unknownField` by `segment.v.unknownField` (ConditionProblem: segment, tag and journey
 * conditions), `identity_type.codeTaken` by `identity_type.v.codeTaken` (IdentityTypeProblem: a new identity type).
 */
export const SERVER_CODE_PREFIXES = ['journey.', 'segment.', 'identity_type.'] as const;

/** The prefix of a code the console words, or undefined. */
export function serverCodePrefix(code: string | null | undefined): (typeof SERVER_CODE_PREFIXES)[number] | undefined {
  if (!code) return undefined;
  return SERVER_CODE_PREFIXES.find((p) => code.startsWith(p) && code.length > p.length);
}

/** The message key that words a server code (`segment.v.unknownField`), or undefined for a prefix the console does not word. */
export function serverProblemKey(code: string | null | undefined): string | undefined {
  const prefix = serverCodePrefix(code);
  return prefix && code ? `${prefix}v.${code.slice(prefix.length)}` : undefined;
}

/** Lists of codes among a condition problem's values, worded by the labels the condition builder shows. */
const CONDITION_CHOICE_LABELS: Record<string, string> = {
  'segment.operator': 'segment.op.',
  'segment.option': 'segment.option.',
};

/** A problem's values as the user reads them: a condition problem's choices of comparisons or options by their labels. */
function wordedParams(tr: Translator, code: string, params: Params | undefined): Params | undefined {
  const labels = CONDITION_CHOICE_LABELS[code];
  if (!params || !labels || typeof params.choices !== 'string') return params;
  const separator = tr.lang === 'zh-CN' ? '、' : ', ';
  const choices = params.choices
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0)
    .map((c) => tr.tOr(`${labels}${c}`, c))
    .join(separator);
  return { ...params, choices };
}

/**
 * A server problem in the user's language: its code worded with its values when the console knows the code, else
 * its English message (or, with neither, the generic validation text).
 */
export function serverProblemText(tr: Translator, e: Pick<FieldError, 'code' | 'message'> & { params?: Params }): string {
  const key = serverProblemKey(e.code);
  if (key && e.code && tr.has(key)) return tr.t(key, wordedParams(tr, e.code, e.params));
  return e.message || tr.t('error.validation');
}

/** A condition's server problems by path (`condition.children[0].value`), in the user's language. */
export function conditionProblemTexts(tr: Translator, errors: readonly FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.filter((f) => f.field.startsWith('condition')).map((f) => [f.field, serverProblemText(tr, f)]));
}

/**
 * A form's server field errors with each coded problem the console words in the user's language (a taken code, a
 * priority out of range); the others keep the server's message as it is.
 */
export function wordedFieldErrors(tr: Translator, errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => (serverProblemKey(e.code) ? { ...e, message: serverProblemText(tr, e) } : e));
}
