import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  api,
  buildUrl,
  configureApi,
  mapFieldErrors,
  parseProblem,
  problemFromText,
  problemSlug,
  readCookie,
  toProblem,
} from './api';

function problemResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

describe('ProblemDetail parsing', () => {
  it('reads a validation problem with field errors', async () => {
    const p = await parseProblem(
      problemResponse(400, {
        type: 'https://liuliang.dev/problems/validation',
        title: 'Bad Request',
        status: 400,
        detail: 'Invalid request content.',
        instance: '/api/v1/users',
        errors: [
          { field: 'username', message: 'size must be between 3 and 64' },
          { field: 'roles[0]', message: 'unknown role' },
          { field: 'password', message: 'too short' },
          { nonsense: true },
        ],
      }),
    );
    expect(p.status).toBe(400);
    expect(p.detail).toBe('Invalid request content.');
    expect(p.errors).toHaveLength(3);
    const err = new ApiError(p);
    expect(err.slug).toBe('validation');
    expect(err.is('validation')).toBe(true);
    expect(err.message).toBe('Invalid request content.');
  });

  it('keeps lockedUntil of an account-locked problem', () => {
    const p = toProblem(423, 'Locked', {
      type: 'https://liuliang.dev/problems/account-locked',
      title: 'Locked',
      status: 423,
      detail: 'Account locked',
      lockedUntil: '2030-01-01T10:15:00Z',
    });
    expect(problemSlug(p.type)).toBe('account-locked');
    expect(p.lockedUntil).toBe('2030-01-01T10:15:00Z');
  });

  it('reads the body text of an upload answer (413 from a proxy: no JSON)', () => {
    const tooLarge = problemFromText(413, 'Payload Too Large', '<html>413</html>');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.title).toBe('Payload Too Large');
    const invalid = problemFromText(
      400,
      '',
      JSON.stringify({ type: 'https://liuliang.dev/problems/validation', title: 'Validation failed', status: 400, errors: [{ field: 'file', message: 'binary' }] }),
    );
    expect(new ApiError(invalid).fieldErrors).toEqual([{ field: 'file', message: 'binary' }]);
  });

  it('survives an empty or non-JSON body', async () => {
    const p = await parseProblem(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(p).toMatchObject({ status: 502, title: 'Bad Gateway', type: 'about:blank' });
    expect(new ApiError(p).slug).toBeUndefined();
  });
});

describe('field error mapping', () => {
  it('groups messages by field and strips list indexes', () => {
    const { fields, unmapped } = mapFieldErrors(
      [
        { field: 'password', message: 'too short' },
        { field: 'password', message: 'equals username' },
        { field: 'roles[1]', message: 'unknown role' },
        { field: 'tenant', message: 'not allowed' },
      ],
      ['username', 'password', 'roles'],
    );
    expect(fields).toEqual([
      { name: 'password', errors: ['too short', 'equals username'] },
      { name: 'roles', errors: ['unknown role'] },
    ]);
    expect(unmapped).toEqual([{ field: 'tenant', message: 'not allowed' }]);
  });

  it('maps everything when no field list is given', () => {
    expect(mapFieldErrors([{ field: 'email', message: 'bad' }]).fields).toEqual([{ name: 'email', errors: ['bad'] }]);
    expect(mapFieldErrors(null).fields).toEqual([]);
  });
});

describe('request helpers', () => {
  it('reads a cookie value by name', () => {
    expect(readCookie('XSRF-TOKEN', 'a=1; XSRF-TOKEN=abc%3D%3D; b=2')).toBe('abc==');
    expect(readCookie('XSRF-TOKEN', 'a=1')).toBeUndefined();
  });

  it('drops empty query parameters', () => {
    expect(buildUrl('/users', { q: '', role: 'ADMIN', enabled: false, cursor: null, limit: 20 })).toBe(
      '/api/v1/users?role=ADMIN&enabled=false&limit=20',
    );
  });
});

describe('api client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    configureApi({});
  });

  it('sends the current XSRF cookie on writes and the session cookie always', async () => {
    let cookie = 'XSRF-TOKEN=first';
    vi.stubGlobal('document', {
      get cookie() {
        return cookie;
      },
    });
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);

    await api.post('/auth/logout');
    cookie = 'XSRF-TOKEN=second';
    await api.delete('/tokens/7');
    await api.get('/auth/me');

    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][];
    expect(calls.map((c) => [c[0], c[1].method])).toEqual([
      ['/api/v1/auth/logout', 'POST'],
      ['/api/v1/tokens/7', 'DELETE'],
      ['/api/v1/auth/me', 'GET'],
    ]);
    const headers = calls.map((c) => c[1].headers as Record<string, string>);
    expect(headers[0]['X-XSRF-TOKEN']).toBe('first');
    expect(headers[1]['X-XSRF-TOKEN']).toBe('second');
    expect(headers[2]['X-XSRF-TOKEN']).toBeUndefined();
    expect(calls.every((c) => c[1].credentials === 'same-origin')).toBe(true);
  });

  it('throws ApiError and calls the 401 handler only for non-auth endpoints', async () => {
    vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=t' });
    const unauthorized = { type: 'https://liuliang.dev/problems/unauthenticated', title: 'Unauthorized', status: 401 };
    vi.stubGlobal('fetch', vi.fn(async () => problemResponse(401, unauthorized)));
    const onUnauthenticated = vi.fn();
    configureApi({ onUnauthenticated });

    const err = await api.get('/users').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).handled).toBe(true);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);

    const loginErr = await api.post('/auth/login', { username: 'a', password: 'b' }).catch((e: unknown) => e);
    expect((loginErr as ApiError).status).toBe(401);
    expect((loginErr as ApiError).handled).toBe(false);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('sends users to change their password on password-change-required', async () => {
    vi.stubGlobal('document', { cookie: '' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        problemResponse(403, { type: 'https://liuliang.dev/problems/password-change-required', title: 'Forbidden', status: 403 }),
      ),
    );
    const onPasswordChangeRequired = vi.fn();
    configureApi({ onPasswordChangeRequired });
    const err = (await api.get('/jobs').catch((e: unknown) => e)) as ApiError;
    expect(err.is('password-change-required')).toBe(true);
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1);
  });
});
