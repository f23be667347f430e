import { useMemo, useState } from 'react';
import { App, Button, Drawer, Flex, Form, Input, Select, Switch } from 'antd';
import { shopsApi } from '../../api/services';
import { PLATFORMS, type Shop } from '../../api/types';
import { PlatformTag } from '../../components/PlatformTag';
import { useFormErrorHandler } from '../../hooks/useApiError';
import { useFormRules } from '../../hooks/useFormRules';
import { useI18n } from '../../i18n/I18nProvider';
import { platformLabel } from '../../i18n/labels';
import {
  COMMON_CURRENCIES,
  COMMON_TIMEZONES,
  DEFAULT_CURRENCY,
  DEFAULT_TIMEZONE,
  currencyName,
  withCurrent,
  zoneOffset,
} from '../../lib/shops';

interface ShopFormValues {
  platform?: string;
  name: string;
  timezone: string;
  currency: string;
  platformShopId?: string;
  archived: boolean;
}

const FIELDS = ['platform', 'name', 'timezone', 'currency', 'platformShopId', 'archived'] as const;

interface Props {
  open: boolean;
  /** The shop to edit; null to create one. */
  shop: Shop | null;
  onClose: () => void;
  onSaved: (shop: Shop, created: boolean) => void;
}

/** Creates a shop, or edits one (then also archives or restores it). */
export function ShopFormDrawer({ open, shop, onClose, onSaved }: Props) {
  const tr = useI18n();
  const { t, lang } = tr;
  const { message } = App.useApp();
  const rules = useFormRules();
  const handleFormError = useFormErrorHandler();
  const [form] = Form.useForm<ShopFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const editing = shop !== null;

  const initialValues: Partial<ShopFormValues> = shop
    ? {
        platform: shop.platform,
        name: shop.name,
        timezone: shop.timezone,
        currency: shop.currency,
        platformShopId: shop.platformShopId ?? '',
        archived: shop.archived,
      }
    : { timezone: DEFAULT_TIMEZONE, currency: DEFAULT_CURRENCY, archived: false };

  const timezoneOptions = useMemo(() => {
    const now = new Date();
    return withCurrent(COMMON_TIMEZONES, shop?.timezone).map((zone) => {
      const offset = zoneOffset(zone, now);
      return { value: zone, label: offset ? `${zone} (UTC${offset})` : zone };
    });
  }, [shop?.timezone]);

  const currencyOptions = useMemo(
    () =>
      withCurrent(COMMON_CURRENCIES, shop?.currency).map((code) => {
        const name = currencyName(code, lang);
        return { value: code, label: name ? `${code} · ${name}` : code };
      }),
    [shop?.currency, lang],
  );

  const onFinish = async (v: ShopFormValues) => {
    setSubmitting(true);
    const body = {
      platform: v.platform ?? '',
      name: v.name.trim(),
      timezone: v.timezone,
      currency: v.currency,
      platformShopId: v.platformShopId?.trim() ? v.platformShopId.trim() : null,
    };
    try {
      const saved = shop ? await shopsApi.update(shop.id, { ...body, archived: v.archived }) : await shopsApi.create(body);
      message.success(t(shop ? 'shops.updated' : 'shops.created', { name: saved.name }));
      onSaved(saved, !shop);
    } catch (err) {
      // 400 field errors and 409 conflicts on name / platformShopId both carry `errors[]`
      handleFormError(form, err, FIELDS);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('shops.form.editTitle', { name: shop.name }) : t('shops.form.createTitle')}
      width={480}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} data-testid="shop-submit">
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      <Form<ShopFormValues> form={form} layout="vertical" onFinish={onFinish} disabled={submitting} initialValues={initialValues}>
        <Form.Item name="platform" label={t('shops.form.platform')} rules={[rules.required]}>
          <Select
            data-testid="shop-platform"
            showSearch
            optionFilterProp="search"
            options={withCurrent(PLATFORMS, shop?.platform).map((p) => ({
              value: p,
              search: `${p} ${platformLabel(tr, p)}`,
              label: <PlatformTag platform={p} />,
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('shops.form.name')} rules={rules.shopName}>
          <Input autoComplete="off" data-testid="shop-name" />
        </Form.Item>
        <Form.Item name="timezone" label={t('shops.form.timezone')} rules={[rules.required]} extra={t('shops.form.timezoneHelp')}>
          <Select
            data-testid="shop-timezone"
            showSearch
            optionFilterProp="label"
            placeholder={t('shops.form.timezonePlaceholder')}
            options={timezoneOptions}
          />
        </Form.Item>
        <Form.Item name="currency" label={t('shops.form.currency')} rules={[rules.required]}>
          <Select data-testid="shop-currency" showSearch optionFilterProp="label" options={currencyOptions} />
        </Form.Item>
        <Form.Item name="platformShopId" label={t('shops.form.platformShopId')} extra={t('shops.form.platformShopIdHelp')}>
          <Input autoComplete="off" data-testid="shop-platformShopId" />
        </Form.Item>
        {editing && (
          <Form.Item
            name="archived"
            label={t('shops.form.archived')}
            valuePropName="checked"
            extra={t('shops.form.archivedHelp')}
          >
            <Switch data-testid="shop-archived" />
          </Form.Item>
        )}
        {/* lets Enter submit although the visible buttons are outside the form */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Drawer>
  );
}
