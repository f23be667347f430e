import { useEffect, useState } from 'react';
import { rolesApi } from '../api/services';
import type { Role } from '../api/types';

/** The built-in role codes, used until (or if) GET /roles answers. */
export const KNOWN_ROLES = ['ADMIN', 'OPERATOR', 'AGENT', 'SALES', 'ANALYST'] as const;

let cache: Promise<Role[]> | null = null;

/** The roles, fetched once per page load and shared by every component. */
export function useRoles(): { roles: Role[]; loading: boolean } {
  const [roles, setRoles] = useState<Role[] | null>(null);
  useEffect(() => {
    let alive = true;
    cache ??= rolesApi.roles().catch((e: unknown) => {
      cache = null;
      throw e;
    });
    cache
      .then((r) => alive && setRoles(r))
      .catch(() => alive && setRoles(KNOWN_ROLES.map((code) => ({ code, permissions: [] }))));
    return () => {
      alive = false;
    };
  }, []);
  return { roles: roles ?? KNOWN_ROLES.map((code) => ({ code, permissions: [] })), loading: roles === null };
}
