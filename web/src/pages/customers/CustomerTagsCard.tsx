import { useCallback, useEffect, useState } from 'react';
import { Card, Empty, Flex, Select, Tag, Tooltip } from 'antd';
import { tagsApi, type HeldTag, type TagInfo } from '../../api/segments';
import { useAuth } from '../../auth/AuthContext';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';

/** The tags a customer holds; people with segment.manage give and take manual tags here. */
export function CustomerTagsCard({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const showError = useApiError();
  const [held, setHeld] = useState<HeldTag[]>([]);
  const [manual, setManual] = useState<TagInfo[]>([]);
  const manage = can('segment.manage');

  const load = useCallback(() => {
    tagsApi.ofCustomer(customerId).then(setHeld).catch(showError);
  }, [customerId, showError]);
  useEffect(load, [load]);
  useEffect(() => {
    if (manage) tagsApi.list(undefined, 'manual').then(setManual).catch(showError);
  }, [manage, showError]);

  const heldIds = new Set(held.map((h) => h.id));
  return (
    <Card size="small" title={t('customerTags.title')} style={{ marginBottom: 16 }} data-testid="customer-tags">
      <Flex gap={6} wrap align="center">
        {held.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerTags.none')} style={{ margin: 0 }} />}
        {held.map((h) => (
          <Tooltip key={h.id} title={`${t(`tags.kind.${h.kind}`)} · ${t('customerTags.since', { at: formatDateTime(h.taggedAt) })}`}>
            <Tag
              color={h.color ?? undefined}
              closable={manage && h.kind === 'manual'}
              onClose={(e) => {
                e.preventDefault();
                tagsApi.take(customerId, h.id).then(load).catch(showError);
              }}
              data-testid="customer-tag"
            >
              {h.name}
            </Tag>
          </Tooltip>
        ))}
        {manage && (
          <Select
            size="small"
            showSearch
            optionFilterProp="label"
            placeholder={t('customerTags.add')}
            style={{ width: 160 }}
            value={null}
            options={manual.filter((m) => !heldIds.has(m.id)).map((m) => ({ value: m.id, label: m.name }))}
            onChange={(tagId: string) => tagsApi.give(customerId, tagId).then(load).catch(showError)}
            data-testid="customer-tag-add"
          />
        )}
      </Flex>
    </Card>
  );
}
