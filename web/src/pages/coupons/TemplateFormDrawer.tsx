import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Switch,
  type FormRule,
} from 'antd';
import { ApiError, mapFieldErrors } from '../../api/api';
import { COUPON_KINDS, TEMPLATE_STATUSES, couponTemplatesApi, type CouponTemplate } from '../../api/coupons';
import type { Tier } from '../../api/loyalty';
import { useApiError } from '../../hooks/useApiError';
import { useLoyaltyTiers } from '../../hooks/useLoyaltyTiers';
import { useShops } from '../../hooks/useShops';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/core';
import { couponKindLabel, templateStatusLabel } from '../../i18n/labels';
import {
  COUPON_DESCRIPTION_MAX,
  COUPON_NAME_MAX,
  LOCKED_AFTER_ISSUE,
  NEW_TEMPLATE_VALUES,
  TEMPLATE_FIELDS,
  describeTerms,
  termMoney,
  templateProblems,
  toFormValues,
  toTemplateInput,
  zhe,
  type Problem,
  type TemplateField,
  type TemplateFormValues,
} from '../../lib/coupons';
import { COMMON_CURRENCIES, currencyName, withCurrent } from '../../lib/shops';

/** The ladder's tiers, plus the stored one when it is no longer on the ladder (shown by its code, the server refuses it). */
function withStoredTier(tiers: readonly Tier[], stored: string | null | undefined): { code: string; name: string }[] {
  const out = tiers.map((x) => ({ code: x.code, name: x.name }));
  if (stored && !out.some((x) => x.code === stored)) out.push({ code: stored, name: stored });
  return out;
}

interface Props {
  open: boolean;
  /** The template to edit; null to create one. */
  template: CouponTemplate | null;
  onClose: () => void;
  onSaved: (template: CouponTemplate, created: boolean) => void;
}

/** Creates a coupon template or edits one; the fields of the chosen kind and validity come and go. */
export function TemplateFormDrawer({ open, template, onClose, onSaved }: Props) {
  const tr = useI18n();
  const { t, lang } = tr;
  const { message } = App.useApp();
  const showError = useApiError();
  const { shops } = useShops();
  const { tiers } = useLoyaltyTiers();
  const [form] = Form.useForm<TemplateFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const editing = template !== null;
  const issued = template?.issued ?? 0;
  const termsLocked = editing && issued > 0;

  const initialValues = useMemo(() => (template ? toFormValues(template) : NEW_TEMPLATE_VALUES), [template]);
  const values = Form.useWatch([], form) as TemplateFormValues | undefined;
  const kind = Form.useWatch('kind', form) ?? initialValues.kind;
  const validityType = Form.useWatch('validityType', form) ?? initialValues.validityType;
  const currency = Form.useWatch('currency', form) ?? initialValues.currency ?? 'CNY';
  const percentOff = Form.useWatch('percentOff', form);

  const problemText = (p: Problem): string => {
    const params = { ...p.params };
    if (p.code === 'aboveThreshold' && params.threshold !== undefined) params.threshold = termMoney(params.threshold, currency, lang);
    return t(`coupon.v.${p.code}` as MessageKey, params);
  };

  /** The rule of one field: the shared checks of all values, so cross-field rules (满 vs 减, from vs until) agree. */
  const rule = (field: TemplateField): FormRule => ({ getFieldsValue }) => ({
    validator() {
      const all = getFieldsValue(true) as TemplateFormValues;
      const p = templateProblems(all, { editing, issued })[field];
      return p ? Promise.reject(new Error(problemText(p))) : Promise.resolve();
    },
  });

  const shopOptions = useMemo(() => {
    const chosen = new Set(template?.shopIds ?? []);
    return shops.filter((s) => !s.archived || chosen.has(s.id)).map((s) => ({ value: s.id, label: s.name }));
  }, [shops, template?.shopIds]);

  const currencyOptions = useMemo(
    () =>
      withCurrent(COMMON_CURRENCIES, template?.currency).map((code) => {
        const name = currencyName(code, lang);
        return { value: code, label: name ? `${code} · ${name}` : code };
      }),
    [template?.currency, lang],
  );

  const preview = useMemo(() => {
    if (!values?.kind) return null;
    const input = toTemplateInput({ ...initialValues, ...values });
    const problems = templateProblems({ ...initialValues, ...values });
    if (problems.amountOff || problems.percentOff || problems.giftName || problems.threshold || problems.maxDiscount) return null;
    return describeTerms(tr, input);
  }, [values, initialValues, tr]);

  const onFinish = async (v: TemplateFormValues) => {
    setSubmitting(true);
    const body = toTemplateInput({ ...initialValues, ...v });
    try {
      const saved = template ? await couponTemplatesApi.update(template.id, body) : await couponTemplatesApi.create(body);
      message.success(t(template ? 'coupon.form.updated' : 'coupon.form.created', { name: saved.name }));
      onSaved(saved, !template);
    } catch (err) {
      if (!(err instanceof ApiError)) {
        showError(err);
        return;
      }
      const { fields, unmapped } = mapFieldErrors(err.fieldErrors, TEMPLATE_FIELDS);
      if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as TemplateField, errors: f.errors })));
      if (err.status === 409) {
        // a conflict (terms fixed after issue, stock below issued): the server's explanation as the message
        message.error(err.problem.detail || err.problem.title);
      } else if (fields.length > 0) {
        const extra = unmapped.map((u) => `${u.field}: ${u.message}`).join('; ');
        message.error(extra ? `${t('error.validation')} ${extra}` : t('error.validation'));
      } else {
        showError(err);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const locked = (f: TemplateField) => termsLocked && LOCKED_AFTER_ISSUE.includes(f);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('coupon.form.editTitle', { name: template.name }) : t('coupon.form.createTitle')}
      width={600}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} data-testid="coupon-form-submit">
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      <Form<TemplateFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={submitting}
        initialValues={initialValues}
        data-testid="coupon-form"
      >
        <Form.Item name="name" label={t('coupon.field.name')} rules={[rule('name')]}>
          <Input maxLength={COUPON_NAME_MAX} autoComplete="off" data-testid="coupon-form-name" />
        </Form.Item>
        <Form.Item name="description" label={t('coupon.field.description')} rules={[rule('description')]}>
          <Input.TextArea rows={2} maxLength={COUPON_DESCRIPTION_MAX} data-testid="coupon-form-description" />
        </Form.Item>

        <Divider orientation="left" plain>
          {t('coupon.form.section.discount')}
        </Divider>
        {termsLocked && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('coupon.form.termsLocked', { count: issued })} data-testid="coupon-form-locked" />
        )}
        <Form.Item name="kind" label={t('coupon.field.kind')} rules={[rule('kind')]}>
          <Radio.Group optionType="button" buttonStyle="solid" disabled={locked('kind')} data-testid="coupon-form-kind">
            {COUPON_KINDS.map((k) => (
              <Radio.Button key={k} value={k} data-testid={`coupon-form-kind-${k}`}>
                {couponKindLabel(tr, k)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="threshold"
            label={t('coupon.field.threshold')}
            extra={t('coupon.field.thresholdHelp')}
            rules={[rule('threshold')]}
            style={{ flex: '1 1 200px' }}
          >
            <InputNumber style={{ width: '100%' }} precision={2} addonBefore={currency} disabled={locked('threshold')} data-testid="coupon-form-threshold" />
          </Form.Item>
          {kind === 'amount_off' && (
            <Form.Item
              name="amountOff"
              label={t('coupon.field.amountOff')}
              rules={[rule('amountOff')]}
              dependencies={['threshold', 'kind']}
              style={{ flex: '1 1 200px' }}
            >
              <InputNumber style={{ width: '100%' }} precision={2} addonBefore={currency} disabled={locked('amountOff')} data-testid="coupon-form-amountOff" />
            </Form.Item>
          )}
          {kind === 'percent_off' && (
            <>
              <Form.Item
                name="percentOff"
                label={t('coupon.field.percentOff')}
                extra={
                  typeof percentOff === 'number' && percentOff > 0 && percentOff < 100
                    ? t('coupon.field.percentOffIs', { zhe: zhe(percentOff) })
                    : t('coupon.field.percentOffHelp')
                }
                rules={[rule('percentOff')]}
                dependencies={['kind']}
                style={{ flex: '1 1 160px' }}
              >
                <InputNumber style={{ width: '100%' }} precision={2} addonAfter="%" disabled={locked('percentOff')} data-testid="coupon-form-percentOff" />
              </Form.Item>
              <Form.Item
                name="maxDiscount"
                label={t('coupon.field.maxDiscount')}
                extra={t('coupon.field.maxDiscountHelp')}
                rules={[rule('maxDiscount')]}
                style={{ flex: '1 1 160px' }}
              >
                <InputNumber style={{ width: '100%' }} precision={2} addonBefore={currency} disabled={locked('maxDiscount')} data-testid="coupon-form-maxDiscount" />
              </Form.Item>
            </>
          )}
          {kind === 'gift' && (
            <Form.Item name="giftName" label={t('coupon.field.giftName')} rules={[rule('giftName')]} dependencies={['kind']} style={{ flex: '1 1 200px' }}>
              <Input maxLength={COUPON_NAME_MAX} autoComplete="off" data-testid="coupon-form-giftName" />
            </Form.Item>
          )}
        </Flex>
        <Form.Item name="currency" label={t('coupon.field.currency')} rules={[rule('currency')]}>
          <Select showSearch optionFilterProp="label" options={currencyOptions} disabled={locked('currency')} style={{ width: 240 }} data-testid="coupon-form-currency" />
        </Form.Item>
        {preview && (
          <Alert type="success" style={{ marginBottom: 16 }} message={t('coupon.form.preview', { terms: preview })} data-testid="coupon-form-preview" />
        )}

        <Divider orientation="left" plain>
          {t('coupon.form.section.validity')}
        </Divider>
        <Form.Item name="validityType" label={t('coupon.field.validityType')} rules={[rule('validityType')]}>
          <Radio.Group data-testid="coupon-form-validityType">
            <Radio value="relative" data-testid="coupon-form-validity-relative">
              {t('coupon.validityType.relative')}
            </Radio>
            <Radio value="fixed" data-testid="coupon-form-validity-fixed">
              {t('coupon.validityType.fixed')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {validityType === 'relative' ? (
          <Form.Item name="validDays" label={t('coupon.field.validDays')} rules={[rule('validDays')]} dependencies={['validityType']}>
            <InputNumber style={{ width: 200 }} precision={0} addonAfter={t('coupon.unit.days')} data-testid="coupon-form-validDays" />
          </Form.Item>
        ) : (
          <Flex gap={16} wrap>
            <Form.Item name="validFrom" label={t('coupon.field.validFrom')} extra={t('coupon.field.validFromHelp')} rules={[rule('validFrom')]} style={{ flex: '1 1 220px' }}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="coupon-form-validFrom" />
            </Form.Item>
            <Form.Item
              name="validUntil"
              label={t('coupon.field.validUntil')}
              rules={[rule('validUntil')]}
              dependencies={['validFrom', 'validityType']}
              style={{ flex: '1 1 220px' }}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="coupon-form-validUntil" />
            </Form.Item>
          </Flex>
        )}
        <Form.Item
          name="expiringNoticeDays"
          label={t('coupon.field.expiringNoticeDays')}
          extra={t('coupon.field.expiringNoticeDaysHelp')}
          rules={[rule('expiringNoticeDays')]}
        >
          <InputNumber style={{ width: 200 }} precision={0} addonAfter={t('coupon.unit.days')} data-testid="coupon-form-expiringNoticeDays" />
        </Form.Item>

        <Divider orientation="left" plain>
          {t('coupon.form.section.limits')}
        </Divider>
        <Flex gap={16} wrap>
          <Form.Item
            name="totalStock"
            label={t('coupon.field.totalStock')}
            extra={issued > 0 ? t('coupon.field.totalStockIssued', { issued }) : t('coupon.field.totalStockHelp')}
            rules={[rule('totalStock')]}
            style={{ flex: '1 1 200px' }}
          >
            <InputNumber style={{ width: '100%' }} precision={0} placeholder={t('coupon.stock.unlimitedShort')} data-testid="coupon-form-totalStock" />
          </Form.Item>
          <Form.Item name="perCustomerLimit" label={t('coupon.field.perCustomerLimit')} rules={[rule('perCustomerLimit')]} style={{ flex: '1 1 200px' }}>
            <InputNumber style={{ width: '100%' }} precision={0} data-testid="coupon-form-perCustomerLimit" />
          </Form.Item>
        </Flex>
        <Form.Item name="shopIds" label={t('coupon.field.shops')} extra={t('coupon.field.shopsHelp')}>
          <Select
            mode="multiple"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('coupon.scope.allShops')}
            options={shopOptions}
            data-testid="coupon-form-shops"
          />
        </Form.Item>
        <Form.Item name="categories" label={t('coupon.field.categories')} extra={t('coupon.field.categoriesHelp')} rules={[rule('categories')]}>
          <Select mode="tags" tokenSeparators={[',', '，']} placeholder={t('coupon.scope.allCategories')} notFoundContent={null} data-testid="coupon-form-categories" />
        </Form.Item>
        {tiers && (
          // only with loyalty.read: without it the field is not registered and the stored tier is sent back unchanged
          <Form.Item name="minTier" label={t('coupon.field.minTier')} extra={t('coupon.field.minTierHelp')}>
            <Select
              allowClear
              placeholder={t('coupon.field.minTierNone')}
              options={withStoredTier(tiers, template?.minTier).map((x) => ({ value: x.code, label: x.name }))}
              data-testid="coupon-form-minTier"
            />
          </Form.Item>
        )}
        <Flex gap={16} wrap>
          <Form.Item name="restoreOnCancel" label={t('coupon.field.restoreOnCancel')} valuePropName="checked" extra={t('coupon.field.restoreOnCancelHelp')} style={{ flex: '1 1 240px' }}>
            <Switch data-testid="coupon-form-restoreOnCancel" />
          </Form.Item>
          <Form.Item name="status" label={t('coupon.field.status')} style={{ flex: '1 1 160px' }}>
            <Select options={TEMPLATE_STATUSES.map((s) => ({ value: s, label: templateStatusLabel(tr, s) }))} data-testid="coupon-form-status" />
          </Form.Item>
        </Flex>
        {/* lets Enter submit although the visible buttons are outside the form */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Drawer>
  );
}
