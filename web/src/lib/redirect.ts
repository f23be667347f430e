/** Only same-origin absolute paths are followed after login, never `//host` or a full URL. */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/change-password')) return fallback;
  return next;
}

export function loginPath(current: string): string {
  const next = safeNext(current, '');
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

export function changePasswordPath(current: string): string {
  const next = safeNext(current, '');
  return next && next !== '/' ? `/change-password?next=${encodeURIComponent(next)}` : '/change-password';
}
