import type { Translator } from './core';

/** Localized names of codes that come from the server, falling back to the code itself. */
export const roleLabel = (tr: Translator, code: string) => tr.tOr(`role.${code}`, code);
export const permissionLabel = (tr: Translator, code: string) => tr.tOr(`perm.${code}`, code);
export const moduleLabel = (tr: Translator, code: string) => tr.tOr(`module.${code}`, code);
export const auditActionLabel = (tr: Translator, code: string) => tr.tOr(`audit.action.${code}`, code);
export const jobStatusLabel = (tr: Translator, code: string) => tr.tOr(`jobs.status.${code}`, code);
export const jobTypeLabel = (tr: Translator, code: string) => tr.tOr(`job.type.${code}`, code);
export const platformLabel = (tr: Translator, code: string) => tr.tOr(`platform.${code}`, code);
export const identityTypeLabel = (tr: Translator, code: string) => tr.tOr(`identity.type.${code}`, code);
export const orderStatusLabel = (tr: Translator, code: string) => tr.tOr(`order.status.${code}`, code);
export const conflictStatusLabel = (tr: Translator, code: string) => tr.tOr(`conflicts.status.${code}`, code);
export const genderLabel = (tr: Translator, code: string) => tr.tOr(`gender.${code}`, code);
export const sourceLabel = (tr: Translator, code: string) => tr.tOr(`source.${code}`, code);
