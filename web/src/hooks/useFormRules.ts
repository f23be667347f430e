import { useMemo } from 'react';
import type { FormRule } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import {
  DISPLAY_NAME_MAX,
  EMAIL_PATTERN,
  PASSWORD_MAX,
  PASSWORD_MIN,
  TOKEN_NAME_MAX,
  USERNAME_MAX,
  USERNAME_MIN,
  USERNAME_PATTERN,
  passwordProblems,
} from '../lib/validation';
import { SHOP_NAME_MAX } from '../lib/shops';

/** antd Form rules that mirror the server's validation, with localized messages. */
export function useFormRules() {
  const { t } = useI18n();
  return useMemo(() => {
    const required: FormRule = { required: true, message: t('v.required') };
    const requiredText: FormRule = { required: true, whitespace: true, message: t('v.required') };
    /** New-password rules; `username`/`current` name other fields of the same form, or give fixed values. */
    const newPassword = (opts: { usernameField?: string; username?: string; currentField?: string }): FormRule[] => [
      required,
      ({ getFieldValue }) => ({
        validator(_, value: string | undefined) {
          if (!value) return Promise.resolve();
          const username = opts.usernameField ? (getFieldValue(opts.usernameField) as string | undefined) : opts.username;
          const current = opts.currentField ? (getFieldValue(opts.currentField) as string | undefined) : undefined;
          const problem = passwordProblems(value, { username, current })[0];
          switch (problem) {
            case 'min':
              return Promise.reject(new Error(t('v.passwordMin', { min: PASSWORD_MIN })));
            case 'max':
              return Promise.reject(new Error(t('v.passwordMax', { max: PASSWORD_MAX })));
            case 'username':
              return Promise.reject(new Error(t('v.passwordNotUsername')));
            case 'current':
              return Promise.reject(new Error(t('v.passwordNotCurrent')));
            default:
              return Promise.resolve();
          }
        },
      }),
    ];
    return {
      required,
      requiredText,
      newPassword,
      confirmPassword: (field: string): FormRule[] => [
        required,
        ({ getFieldValue }) => ({
          validator(_, value: string | undefined) {
            return !value || value === getFieldValue(field)
              ? Promise.resolve()
              : Promise.reject(new Error(t('v.passwordMismatch')));
          },
        }),
      ],
      username: [
        requiredText,
        { min: USERNAME_MIN, max: USERNAME_MAX, message: t('v.usernameLength', { min: USERNAME_MIN, max: USERNAME_MAX }) },
        { pattern: USERNAME_PATTERN, message: t('v.usernamePattern') },
      ] satisfies FormRule[],
      displayName: [
        requiredText,
        { max: DISPLAY_NAME_MAX, message: t('v.displayNameLength', { max: DISPLAY_NAME_MAX }) },
      ] satisfies FormRule[],
      email: [{ pattern: EMAIL_PATTERN, message: t('v.email') }] satisfies FormRule[],
      roles: [{ required: true, type: 'array', min: 1, message: t('v.rolesRequired') }] satisfies FormRule[],
      permissions: [{ required: true, type: 'array', min: 1, message: t('v.permissionsRequired') }] satisfies FormRule[],
      shopName: [
        requiredText,
        { max: SHOP_NAME_MAX, message: t('v.nameLength', { max: SHOP_NAME_MAX }) },
      ] satisfies FormRule[],
      tokenName: [
        requiredText,
        { max: TOKEN_NAME_MAX, message: t('v.tokenNameLength', { max: TOKEN_NAME_MAX }) },
      ] satisfies FormRule[],
    };
  }, [t]);
}
