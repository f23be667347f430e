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
/** A source code (`api`, `console`…); `import:<id>` and similar are named by their prefix. */
export const sourceLabel = (tr: Translator, code: string) => {
  const key = `source.${code}`;
  if (tr.has(key)) return tr.t(key);
  const prefixKey = `source.${code.includes(':') ? code.slice(0, code.indexOf(':')) : ''}`;
  return code.includes(':') && tr.has(prefixKey) ? tr.t(prefixKey) : code;
};
export const importStatusLabel = (tr: Translator, code: string) => tr.tOr(`imports.status.${code}`, code);
/** A profile by id; unknown ids fall back to the server's name for it, else the id. */
export const importProfileLabel = (tr: Translator, id: string, serverName?: string | null) =>
  tr.tOr(`imports.profile.${id}`, serverName || id);
export const importFieldLabel = (tr: Translator, key: string) => tr.tOr(`imports.field.${key}`, key);
export const eventTypeLabel = (tr: Translator, code: string) => tr.tOr(`event.type.${code}`, code);
/** An event's name: a custom event's own name, else its type's label. */
export const eventLabel = (tr: Translator, e: { type: string; customName?: string | null }) =>
  e.type === 'custom' && e.customName?.trim() ? e.customName.trim() : eventTypeLabel(tr, e.type);
export const couponKindLabel = (tr: Translator, code: string) => tr.tOr(`coupon.kind.${code}`, code);
export const templateStatusLabel = (tr: Translator, code: string) => tr.tOr(`coupon.templateStatus.${code}`, code);
export const couponStatusLabel = (tr: Translator, code: string) => tr.tOr(`coupon.status.${code}`, code);
export const issueStatusLabel = (tr: Translator, code: string) => tr.tOr(`coupon.issueStatus.${code}`, code);
export const qualifyByLabel = (tr: Translator, code: string) => tr.tOr(`loyalty.qualifyBy.${code}`, code);
export const earnOnLabel = (tr: Translator, code: string) => tr.tOr(`loyalty.earnOn.${code}`, code);
export const expiryLabel = (tr: Translator, code: string) => tr.tOr(`loyalty.expiry.${code}`, code);
export const entryKindLabel = (tr: Translator, code: string) => tr.tOr(`loyalty.entry.${code}`, code);
export const tierChangeLabel = (tr: Translator, code: string) => tr.tOr(`loyalty.change.${code}`, code);
export const enrolledByLabel = (tr: Translator, code: string) => tr.tOr(`loyalty.enrolledBy.${code}`, code);
