import { useEffect, useState } from 'react';
import { couponTemplatesApi } from '../api/coupons';
import { listMessageTemplates, type MessageTemplateRef } from '../api/journeys';
import { tagsApi } from '../api/segments';
import { useAuth } from '../auth/AuthContext';
import type { RefOption } from '../pages/segments/ConditionBuilder';
import { useBuilderData } from '../pages/segments/SegmentEditPage';

export interface JourneyRefs {
  /** null while loading; `unavailable` when the messaging templates could not be read (module absent or no permission). */
  messageTemplates: MessageTemplateRef[] | null;
  messageTemplatesUnavailable: boolean;
  couponTemplates: RefOption[] | null;
  couponTemplatesUnavailable: boolean;
  /** The manual tags, the only ones add/remove-tag nodes may give or take (rule and system tags follow their own rules). */
  manualTags: RefOption[];
  /** From the segment builder: its field catalog, tags and segments. */
  builder: ReturnType<typeof useBuilderData>;
}

/**
 * What the journey canvas refers to: messaging templates, coupon templates, tags, segments and the condition
 * catalog. A list that cannot be read becomes an empty picker with a hint, never an error on the canvas.
 */
export function useJourneyRefs(): JourneyRefs {
  const { can } = useAuth();
  const builder = useBuilderData();
  const [messageTemplates, setMessageTemplates] = useState<MessageTemplateRef[] | null>(null);
  const [messageUnavailable, setMessageUnavailable] = useState(false);
  const [couponTemplates, setCouponTemplates] = useState<RefOption[] | null>(null);
  const [couponUnavailable, setCouponUnavailable] = useState(false);
  const couponReadable = can('coupon.read');
  const [manualTags, setManualTags] = useState<RefOption[]>([]);

  useEffect(() => {
    tagsApi
      .list(undefined, 'manual')
      .then((list) => setManualTags(list.map((x) => ({ value: x.id, label: x.name }))))
      .catch(() => setManualTags([]));
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    listMessageTemplates(controller.signal)
      .then((list) => !controller.signal.aborted && setMessageTemplates(list))
      .catch(() => {
        if (controller.signal.aborted) return;
        setMessageTemplates([]);
        setMessageUnavailable(true);
      });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (!couponReadable) {
      setCouponTemplates([]);
      setCouponUnavailable(true);
      return undefined;
    }
    const controller = new AbortController();
    couponTemplatesApi
      .list({}, { limit: 500, cursor: null }, controller.signal)
      .then((p) => !controller.signal.aborted && setCouponTemplates(p.items.filter((c) => c.status !== 'archived').map((c) => ({ value: c.id, label: c.name }))))
      .catch(() => {
        if (controller.signal.aborted) return;
        setCouponTemplates([]);
        setCouponUnavailable(true);
      });
    return () => controller.abort();
  }, [couponReadable]);

  return {
    messageTemplates,
    messageTemplatesUnavailable: messageUnavailable,
    couponTemplates,
    couponTemplatesUnavailable: couponUnavailable,
    manualTags,
    builder,
  };
}
