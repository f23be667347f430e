/** The server's input rules, mirrored so forms can say what is wrong before submitting. */
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 64;
export const USERNAME_PATTERN = /^[a-zA-Z0-9._-]+$/;
export const DISPLAY_NAME_MAX = 100;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const TOKEN_NAME_MAX = 100;
export const TOKEN_DAYS_MIN = 1;
export const TOKEN_DAYS_MAX = 365;
export const TOKEN_DAYS_DEFAULT = 90;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type PasswordProblem = 'min' | 'max' | 'username' | 'current';

/** What is wrong with a new password, in the server's order; empty when it is acceptable. */
export function passwordProblems(password: string, ctx: { username?: string; current?: string } = {}): PasswordProblem[] {
  const out: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN) out.push('min');
  if (password.length > PASSWORD_MAX) out.push('max');
  if (ctx.username && password.toLowerCase() === ctx.username.toLowerCase()) out.push('username');
  if (ctx.current && password === ctx.current) out.push('current');
  return out;
}

/** A server field path (`rfm.thresholds.frequency[2]`, `caps[0].count`) as an antd form name path. */
export function fieldPath(field: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      path.push(part);
      continue;
    }
    if (m[1]) path.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) path.push(Number(idx[1]));
  }
  return path;
}
