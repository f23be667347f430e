import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  Divider,
  Drawer,
  Flex,
  Form,
  InputNumber,
  Radio,
  Row,
  Select,
  Typography,
  type FormRule,
} from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { UndoOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import {
  RFM_SEGMENTS,
  metricsApi,
  type LifecycleSettings,
  type MetricsSettings,
  type MetricsSettingsResponse,
  type RfmScale,
} from '../../api/metrics';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/core';
import {
  BOUNDARIES,
  LIFECYCLE_FIELDS,
  QUADRANT_HIGH_MIN,
  SCORES,
  SCORE_VALUES,
  THRESHOLD_DIMENSIONS,
  fieldPath,
  gridIndex,
  lifecycleProblem,
  thresholdProblem,
  toFormSettings,
  type ThresholdDimension,
} from '../../lib/rfm';
import { ScaleSummary } from './ScaleSummary';
import { segmentLabel } from './labels';

interface Props {
  open: boolean;
  onClose: () => void;
  /** Called with the server's answer after a save (settings, new scale, defaults). */
  onSaved: (saved: MetricsSettingsResponse) => void;
}

const BOUNDARY_INDEXES = Array.from({ length: BOUNDARIES }, (_, i) => i);
const QUADRANT_SCORES = SCORE_VALUES.filter((s) => s >= QUADRANT_HIGH_MIN);
/** Grid rows top-down like the heatmap: R = 5 first. */
const GRID_ROWS = [...SCORE_VALUES].reverse();

/** Every field of the form as its server path, to put the server's field errors on the right inputs. */
function formFieldPaths(): Set<string> {
  const out = new Set<string>(['rfm.mode', 'rfm.quadrantHighScore']);
  for (const dim of THRESHOLD_DIMENSIONS) BOUNDARY_INDEXES.forEach((i) => out.add(`rfm.thresholds.${dim}[${i}]`));
  for (let i = 0; i < SCORES * SCORES; i++) out.add(`rfm.grid[${i}]`);
  for (const f of LIFECYCLE_FIELDS) out.add(`lifecycle.${f}`);
  return out;
}
const FIELD_PATHS = formFieldPaths();

const DIMENSION_STEP: Record<ThresholdDimension, { precision: number; step: number }> = {
  recencyDays: { precision: 0, step: 1 },
  frequency: { precision: 0, step: 1 },
  monetary: { precision: 2, step: 100 },
};

/** RFM mode and thresholds, the R×F segment grid, the quadrant split and lifecycle thresholds (managers). */
export function MetricsSettingsDrawer({ open, onClose, onSaved }: Props) {
  const tr = useI18n();
  const { t } = tr;
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<MetricsSettings>();
  const [loaded, setLoaded] = useState<MetricsSettingsResponse | null>(null);
  const [savedScale, setSavedScale] = useState<RfmScale | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const mode = Form.useWatch(['rfm', 'mode'], form);

  useEffect(() => {
    if (!open) return undefined;
    const controller = new AbortController();
    setSavedScale(null);
    metricsApi
      .settings(controller.signal)
      .then((s) => {
        if (controller.signal.aborted) return;
        setLoaded(s);
        form.setFieldsValue(toFormSettings(s.settings));
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) showError(err);
      });
    return () => controller.abort();
  }, [open, form, showError]);

  const thresholdRule = (dim: ThresholdDimension, i: number): FormRule => ({ getFieldValue }) => ({
    validator() {
      const values = (getFieldValue(['rfm', 'thresholds', dim]) ?? []) as (number | null)[];
      const problem = thresholdProblem(values, i);
      return problem ? Promise.reject(new Error(t(`metrics.v.${problem}` as MessageKey))) : Promise.resolve();
    },
  });

  const lifecycleRule = (field: keyof LifecycleSettings): FormRule => ({ getFieldValue }) => ({
    validator() {
      const values = (getFieldValue('lifecycle') ?? {}) as Partial<LifecycleSettings>;
      const problem = lifecycleProblem(values, field);
      return problem ? Promise.reject(new Error(t(`metrics.v.${problem}` as MessageKey))) : Promise.resolve();
    },
  });

  const onFinish = async () => {
    // getFieldsValue(true): every field, including grid cells of rows not rendered as inputs
    const values = form.getFieldsValue(true) as MetricsSettings;
    setSubmitting(true);
    try {
      const saved = await metricsApi.saveSettings(values);
      message.success(t('metrics.settings.saved'));
      setLoaded(saved);
      setSavedScale(saved.scale);
      form.setFieldsValue(toFormSettings(saved.settings));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const onForm = err.fieldErrors.filter((e) => FIELD_PATHS.has(e.field));
        const elsewhere = err.fieldErrors.filter((e) => !FIELD_PATHS.has(e.field));
        // the paths were checked against the form's fields above
        form.setFields(onForm.map((e) => ({ name: fieldPath(e.field) as NamePath<MetricsSettings>, errors: [e.message] })));
        const extra = elsewhere.map((e) => `${e.field}: ${e.message}`).join('; ');
        message.error(extra ? `${t('error.validation')} ${extra}` : t('error.validation'));
      } else {
        showError(err);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const reset = () => {
    if (!loaded) return;
    form.setFieldsValue(toFormSettings(loaded.defaults));
    void form.validateFields().catch(() => undefined);
    message.info(t('metrics.settings.resetDone'));
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('metrics.settings.title')}
      width={720}
      destroyOnHidden
      footer={
        <Flex justify="space-between" gap={8}>
          <Button icon={<UndoOutlined />} onClick={reset} disabled={!loaded || submitting} data-testid="metrics-settings-reset">
            {t('metrics.settings.reset')}
          </Button>
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.close')}</Button>
            <Button
              type="primary"
              loading={submitting}
              disabled={!loaded}
              onClick={() => form.submit()}
              data-testid="metrics-settings-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      {savedScale !== null && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('metrics.settings.newScale')}
          description={<ScaleSummary scale={savedScale} testId="metrics-settings-scale" />}
          data-testid="metrics-settings-saved"
        />
      )}
      <Form<MetricsSettings> form={form} layout="vertical" onFinish={() => void onFinish()} disabled={submitting || !loaded}>
        <Form.Item name={['rfm', 'mode']} label={t('metrics.settings.mode')} extra={t(mode === 'THRESHOLDS' ? 'metrics.settings.modeThresholdsHelp' : 'metrics.settings.modeQuintilesHelp')}>
          <Radio.Group data-testid="metrics-settings-mode">
            <Radio value="QUINTILES" data-testid="metrics-mode-QUINTILES">
              {t('rfm.mode.QUINTILES')}
            </Radio>
            <Radio value="THRESHOLDS" data-testid="metrics-mode-THRESHOLDS">
              {t('rfm.mode.THRESHOLDS')}
            </Radio>
          </Radio.Group>
        </Form.Item>

        <Typography.Title level={5}>{t('metrics.settings.thresholds')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('metrics.settings.thresholdsHelp')}</Typography.Paragraph>
        {THRESHOLD_DIMENSIONS.map((dim) => (
          <Row key={dim} gutter={8} align="top">
            <Col span={6} style={{ paddingTop: 4 }}>
              <Typography.Text strong>{t(`metrics.settings.dim.${dim}` as MessageKey)}</Typography.Text>
            </Col>
            {BOUNDARY_INDEXES.map((i) => (
              <Col span={4} key={i}>
                <Form.Item
                  name={['rfm', 'thresholds', dim, i]}
                  rules={[thresholdRule(dim, i)]}
                  dependencies={i > 0 ? [['rfm', 'thresholds', dim, i - 1]] : []}
                  style={{ marginBottom: 12 }}
                >
                  <InputNumber
                    style={{ width: '100%' }}
                    min={0}
                    precision={DIMENSION_STEP[dim].precision}
                    step={DIMENSION_STEP[dim].step}
                    aria-label={`${dim} ${i + 1}`}
                    placeholder={t('metrics.settings.boundary', { score: i + 2 })}
                    data-testid={`metrics-threshold-${dim}-${i}`}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        ))}

        <Divider />
        <Typography.Title level={5}>{t('metrics.settings.grid')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('metrics.settings.gridHelp')}</Typography.Paragraph>
        <div data-testid="metrics-settings-grid" style={{ overflowX: 'auto' }}>
          <Row gutter={4} wrap={false} style={{ marginBottom: 4 }}>
            <Col flex="48px" />
            {SCORE_VALUES.map((f) => (
              <Col flex="1" key={f} style={{ textAlign: 'center', minWidth: 110 }}>
                <Typography.Text type="secondary">F{f}</Typography.Text>
              </Col>
            ))}
          </Row>
          {GRID_ROWS.map((r) => (
            <Row gutter={4} wrap={false} key={r}>
              <Col flex="48px" style={{ paddingTop: 4 }}>
                <Typography.Text type="secondary">R{r}</Typography.Text>
              </Col>
              {SCORE_VALUES.map((f) => (
                <Col flex="1" key={f} style={{ minWidth: 110 }}>
                  <Form.Item
                    name={['rfm', 'grid', gridIndex(r, f)]}
                    rules={[{ required: true, message: t('metrics.v.required') }]}
                    style={{ marginBottom: 4 }}
                  >
                    <Select
                      size="small"
                      popupMatchSelectWidth={false}
                      aria-label={`R${r} F${f}`}
                      data-testid={`metrics-grid-${r}-${f}`}
                      options={RFM_SEGMENTS.map((s) => ({ value: s, label: segmentLabel(tr, s) }))}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          ))}
        </div>

        <Form.Item
          name={['rfm', 'quadrantHighScore']}
          label={t('metrics.settings.quadrant')}
          extra={t('metrics.settings.quadrantHelp')}
          style={{ marginTop: 16 }}
        >
          <Select
            style={{ width: 120 }}
            options={QUADRANT_SCORES.map((s) => ({ value: s, label: `≥ ${s}` }))}
            data-testid="metrics-settings-quadrant"
          />
        </Form.Item>

        <Divider />
        <Typography.Title level={5}>{t('metrics.settings.lifecycle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('metrics.settings.lifecycleHelp')}</Typography.Paragraph>
        <Row gutter={12}>
          {LIFECYCLE_FIELDS.map((field, n) => (
            <Col span={12} key={field}>
              <Form.Item
                name={['lifecycle', field]}
                label={t(`metrics.settings.lc.${field}` as MessageKey)}
                rules={[lifecycleRule(field)]}
                dependencies={n > 0 ? [['lifecycle', LIFECYCLE_FIELDS[n - 1]]] : []}
              >
                <InputNumber
                  min={0}
                  precision={0}
                  addonAfter={t('metrics.settings.days')}
                  style={{ width: '100%' }}
                  data-testid={`metrics-lifecycle-${field}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {loaded && (
          <>
            <Divider />
            <Typography.Title level={5}>{t('metrics.settings.currentScale')}</Typography.Title>
            <ScaleSummary scale={loaded.scale} />
          </>
        )}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Drawer>
  );
}
