import { useEffect, useState } from 'react';
import { loyaltyApi, type Tier } from '../api/loyalty';
import { useAuth } from '../auth/AuthContext';

/**
 * The loyalty tier ladder for a picker or a label, read only when the user has `loyalty.read`: null while loading or
 * without the permission (or when the read failed, which a picker treats alike: the stored value stays untouched).
 */
export function useLoyaltyTiers(): { tiers: Tier[] | null; readable: boolean } {
  const { can } = useAuth();
  const readable = can('loyalty.read');
  const [tiers, setTiers] = useState<Tier[] | null>(null);
  useEffect(() => {
    if (!readable) return;
    const controller = new AbortController();
    loyaltyApi
      .tiers(controller.signal)
      .then((l) => !controller.signal.aborted && setTiers(l.tiers))
      .catch(() => undefined);
    return () => controller.abort();
  }, [readable]);
  return { tiers: readable ? tiers : null, readable };
}
