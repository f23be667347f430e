import { useEffect, useMemo, useState } from 'react';
import { importsApi } from '../api/services';
import type { ImportProfileInfo } from '../api/types';

let cache: Promise<ImportProfileInfo[]> | null = null;

function load(): Promise<ImportProfileInfo[]> {
  cache ??= importsApi.profiles().catch((e: unknown) => {
    cache = null;
    throw e;
  });
  return cache;
}

export interface ImportProfilesState {
  profiles: ImportProfileInfo[];
  byId: Map<string, ImportProfileInfo>;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/** The import profiles and their fields (`GET /imports/profiles`), fetched once per page load and shared. */
export function useImportProfiles(): ImportProfilesState {
  const [profiles, setProfiles] = useState<ImportProfileInfo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let alive = true;
    load()
      .then((p) => {
        if (!alive) return;
        setProfiles(p);
        setError(null);
      })
      .catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [tick]);

  const byId = useMemo(() => new Map((profiles ?? []).map((p) => [p.id, p])), [profiles]);
  return {
    profiles: profiles ?? [],
    byId,
    loading: profiles === null && !error,
    error,
    reload: () => {
      cache = null;
      setError(null);
      setTick((n) => n + 1);
    },
  };
}
