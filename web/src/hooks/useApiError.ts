import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { ApiError, mapFieldErrors } from '../api/api';
import { useI18n } from '../i18n/I18nProvider';
import { wordedFieldErrors } from '../lib/problems';
import { fieldPath } from '../lib/validation';

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** Returns a function that shows an API error as an antd message, using the ProblemDetail `detail`. */
export function useApiError(): (err: unknown) => void {
  const { message } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (err: unknown) => {
      if (isAbort(err)) return;
      if (err instanceof ApiError) {
        if (err.handled) return;
        if (err.isNetworkError) {
          message.error(t('error.network'));
          return;
        }
        message.error(err.problem.detail || err.problem.title || t('error.generic', { status: err.status }));
        return;
      }
      console.error(err);
      message.error(t('error.generic', { status: '?' }));
    },
    [message, t],
  );
}

/**
 * Handles an error of a form submission: field errors of the ProblemDetail are shown on the
 * form's fields (among `fields`), anything else as a message. A coded problem the console words
 * (lib/problems.ts) is shown in the user's language, any other in the server's words.
 */
export function useFormErrorHandler(): (form: FormInstance, err: unknown, fields: readonly string[]) => void {
  const showError = useApiError();
  const { message } = App.useApp();
  const tr = useI18n();
  return useCallback(
    (form: FormInstance, err: unknown, fields: readonly string[]) => {
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const { fields: mapped, unmapped } = mapFieldErrors(wordedFieldErrors(tr, err.fieldErrors), fields);
        if (mapped.length > 0) {
          form.setFields(mapped.map((f) => ({ name: f.name, errors: f.errors })));
          const extra = unmapped.map((u) => `${u.field}: ${u.message}`).join('; ');
          message.error(extra ? `${tr.t('error.validation')} ${extra}` : tr.t('error.validation'));
          return;
        }
      }
      showError(err);
    },
    [showError, message, tr],
  );
}

/**
 * Like {@link useFormErrorHandler} for forms with nested fields: a server field path (`email.host`, `caps[0].count`,
 * `smsParams[1].value`) goes onto that form field when `onForm(field)` says the form has it; the other field errors
 * and any other error are shown as a message. Returns whether some error landed on a field.
 */
export function useFieldPathErrorHandler(): (form: FormInstance, err: unknown, onForm: (field: string) => boolean) => boolean {
  const showError = useApiError();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (form: FormInstance, err: unknown, onForm: (field: string) => boolean) => {
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const mine = err.fieldErrors.filter((e) => onForm(e.field));
        const elsewhere = err.fieldErrors.filter((e) => !onForm(e.field));
        if (mine.length > 0) {
          const byPath = new Map<string, string[]>();
          for (const e of mine) byPath.set(e.field, [...(byPath.get(e.field) ?? []), e.message]);
          form.setFields([...byPath].map(([field, errors]) => ({ name: fieldPath(field), errors })));
          const extra = elsewhere.map((e) => `${e.field}: ${e.message}`).join('; ');
          message.error(extra ? `${t('error.validation')} ${extra}` : t('error.validation'));
          return true;
        }
      }
      showError(err);
      return false;
    },
    [showError, message, t],
  );
}
