import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlayCircleOutlined, ReloadOutlined, UndoOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { importsApi } from '../../api/services';
import type { ImportCandidate, ImportProfileInfo, ImportView } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { useApiError } from '../../hooks/useApiError';
import { useImportProfiles } from '../../hooks/useImportProfiles';
import { useI18n } from '../../i18n/I18nProvider';
import { importFieldLabel, importProfileLabel } from '../../i18n/labels';
import {
  autoMapping,
  bestCandidate,
  fieldsByColumn,
  groupStartErrors,
  mappingOverrides,
  orderFields,
  prefillMapping,
  sampleValue,
  scorePercent,
  type ColumnMapping,
} from '../../lib/imports';

/** The mapping selects' value for "not in this file" (a header name is never a NUL character). */
const NONE = '\u0000';

interface ReviewValues {
  profile?: string;
  mapping?: Record<string, string>;
}

const toForm = (m: ColumnMapping): Record<string, string> =>
  Object.fromEntries(Object.entries(m).map(([f, c]) => [f, c ?? NONE]));

function fromForm(values: Record<string, string> | undefined, fields: readonly string[]): ColumnMapping {
  return Object.fromEntries(fields.map((f) => [f, values?.[f] && values[f] !== NONE ? values[f] : null]));
}

/** The profile choice: the server's candidates with their scores (best highlighted), or any other profile. */
function ProfilePicker({
  value,
  onChange,
  candidates,
  profiles,
  disabled,
}: {
  value?: string;
  onChange?: (profile: string) => void;
  candidates: ImportCandidate[];
  profiles: ImportProfileInfo[];
  disabled?: boolean;
}) {
  const tr = useI18n();
  const { t } = tr;
  const best = bestCandidate(candidates);
  return (
    <Flex vertical gap={12}>
      {candidates.length > 0 ? (
        <Radio.Group value={value} onChange={(e) => onChange?.(e.target.value as string)} disabled={disabled} style={{ width: '100%' }}>
          <Flex vertical gap={8} data-testid="imports-candidates">
            {candidates.map((c) => {
              const isBest = c.profile === best?.profile;
              const selected = c.profile === value;
              return (
                <Card
                  key={c.profile}
                  size="small"
                  style={{ borderColor: selected ? '#1677ff' : isBest ? '#b7eb8f' : undefined }}
                  styles={{ body: { padding: '8px 12px' } }}
                  data-testid="imports-candidate"
                  data-profile={c.profile}
                  data-best={isBest || undefined}
                >
                  <Radio value={c.profile} style={{ width: '100%' }}>
                    <Flex gap={8} align="center" wrap>
                      <Typography.Text strong>{importProfileLabel(tr, c.profile, c.name)}</Typography.Text>
                      {isBest && <Tag color="green">{t('imports.review.bestMatch')}</Tag>}
                      <Tooltip title={t('imports.review.scoreHelp')}>
                        <Progress
                          percent={scorePercent(c.score)}
                          size="small"
                          style={{ width: 140, margin: 0 }}
                          strokeColor={isBest ? '#52c41a' : undefined}
                          data-testid="imports-candidate-score"
                        />
                      </Tooltip>
                    </Flex>
                    {c.missingRequired.length > 0 && (
                      <Typography.Text type="warning" style={{ fontSize: 12 }}>
                        {t('imports.review.missingRequired', {
                          fields: c.missingRequired.map((f) => importFieldLabel(tr, f)).join(tr.lang === 'zh-CN' ? '、' : ', '),
                        })}
                      </Typography.Text>
                    )}
                  </Radio>
                </Card>
              );
            })}
          </Flex>
        </Radio.Group>
      ) : (
        <Typography.Text type="secondary">{t('imports.review.noCandidates')}</Typography.Text>
      )}
      <Flex gap={8} align="center" wrap>
        <Typography.Text type="secondary">{t('imports.review.otherProfile')}</Typography.Text>
        <Select
          style={{ minWidth: 220 }}
          value={value}
          onChange={(p: string) => onChange?.(p)}
          disabled={disabled}
          data-testid="imports-profile-select"
          options={profiles.map((p) => ({ value: p.id, label: importProfileLabel(tr, p.id, p.name) }))}
        />
      </Flex>
    </Flex>
  );
}

/**
 * Step 2: the detected format, the profile (candidates with scores), the column mapping of the chosen profile
 * (pre-filled like the server's automatic one) and the first rows; "Start import" sends the profile and only the
 * adjustments.
 */
export function ReviewStep({ view, onStarted, onStale }: { view: ImportView; onStarted: (v: ImportView) => void; onStale: () => void }) {
  const tr = useI18n();
  const { t } = tr;
  const { message } = App.useApp();
  const { can } = useAuth();
  const canWrite = can('order.write');
  const showError = useApiError();
  const { profiles, byId, loading: profilesLoading, error: profilesError, reload: reloadProfiles } = useImportProfiles();
  const [form] = Form.useForm<ReviewValues>();
  const [starting, setStarting] = useState(false);
  const preview = view.preview;
  const header = useMemo(() => preview?.header ?? [], [preview]);
  const candidates = useMemo(() => preview?.candidates ?? [], [preview]);
  const initialProfile = view.profile ?? bestCandidate(candidates)?.profile;

  const watchedProfile = Form.useWatch('profile', form) as string | undefined;
  const profile = watchedProfile ?? initialProfile;
  const watchedMapping = Form.useWatch('mapping', form) as Record<string, string> | undefined;
  const info = profile ? byId.get(profile) : undefined;
  const fields = useMemo(() => (info ? orderFields(info.fields, info.requiredFields) : []), [info]);
  const required = useMemo(() => new Set(info?.requiredFields ?? []), [info]);
  const auto = useMemo(() => (profile ? autoMapping(profile, fields, header) : {}), [profile, fields, header]);
  const prefill = useMemo(() => (profile ? prefillMapping(profile, fields, header) : {}), [profile, fields, header]);
  const current = useMemo(() => fromForm(watchedMapping, fields), [watchedMapping, fields]);
  const changed = Object.keys(mappingOverrides(current, prefill)).length;

  // (re)fill the mapping when the profile's fields are known, and whenever another profile is chosen
  const [filledFor, setFilledFor] = useState<string | null>(null);
  useEffect(() => {
    if (!profile || !info || filledFor === profile) return;
    form.setFieldValue('mapping', toForm(prefill));
    form.setFields(fields.map((f) => ({ name: ['mapping', f], errors: [] })));
    setFilledFor(profile);
  }, [profile, info, prefill, fields, filledFor, form]);

  const columnOptions = useMemo(() => {
    const seen = new Set<string>();
    const options: { value: string; label: ReactNode; search: string }[] = [
      { value: NONE, label: <Typography.Text type="secondary">{t('imports.review.notInFile')}</Typography.Text>, search: '' },
    ];
    header.forEach((h, i) => {
      if (!h.trim() || seen.has(h)) return;
      seen.add(h);
      const sample = sampleValue(preview?.sampleRows ?? [], i);
      options.push({
        value: h,
        search: h,
        label: (
          <span>
            {h}
            {sample && (
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {t('imports.review.example', { value: sample })}
              </Typography.Text>
            )}
          </span>
        ),
      });
    });
    return options;
  }, [header, preview, t]);

  const mappedBy = useMemo(() => fieldsByColumn(current, fields), [current, fields]);

  if (!preview) {
    return <Alert type="warning" showIcon message={t('imports.review.noPreview')} data-testid="imports-no-preview" />;
  }

  const start = async () => {
    let values: ReviewValues;
    try {
      values = await form.validateFields();
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
      message.error(t('error.validation'));
      return;
    }
    const chosen = values.profile ?? profile;
    if (!chosen) return;
    const overrides = mappingOverrides(fromForm(values.mapping, fields), auto);
    setStarting(true);
    try {
      const started = await importsApi.start(view.id, {
        profile: chosen,
        mapping: Object.keys(overrides).length > 0 ? overrides : undefined,
      });
      message.success(t('imports.review.started', { name: view.fileName }));
      onStarted(started);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        message.warning(t('imports.review.alreadyStarted'));
        onStale();
      } else if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const grouped = groupStartErrors(err.fieldErrors, fields);
        form.setFields(grouped.fields);
        if (grouped.fields.length > 0) form.scrollToField(grouped.fields[0].name, { block: 'center', behavior: 'smooth' });
        const extra = grouped.unmapped.map((u) => `${u.field}: ${u.message}`).join('; ');
        message.error(extra ? `${t('error.validation')} ${extra}` : t('error.validation'));
      } else {
        showError(err);
      }
    } finally {
      setStarting(false);
    }
  };

  const previewColumns: TableColumnsType<{ key: number; cells: string[] }> = [
    {
      title: '#',
      key: 'row',
      width: 48,
      fixed: 'left',
      render: (_, r) => <Typography.Text type="secondary">{r.key + 1}</Typography.Text>,
    },
    ...header.map((h, i) => {
      const mapped = mappedBy.get(h) ?? [];
      return {
        key: `c${i}`,
        title: (
          <div data-testid="imports-preview-column" data-fields={mapped.join(' ')}>
            {mapped.length > 0 ? (
              <Flex gap={2} wrap>
                {mapped.map((f) => (
                  <Tag key={f} color={required.has(f) ? 'blue' : 'cyan'} style={{ marginInlineEnd: 0 }}>
                    {importFieldLabel(tr, f)}
                  </Tag>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {t('imports.review.unused')}
              </Typography.Text>
            )}
            <div style={{ fontWeight: 'normal', fontSize: 12, color: 'rgba(0,0,0,0.45)', whiteSpace: 'nowrap' }}>{h || '—'}</div>
          </div>
        ),
        render: (_: unknown, r: { cells: string[] }) => (
          <Typography.Text ellipsis={{ tooltip: r.cells[i] }} style={{ maxWidth: 220, whiteSpace: 'nowrap' }}>
            {r.cells[i] ?? ''}
          </Typography.Text>
        ),
      };
    }),
  ];

  return (
    <Form<ReviewValues>
      form={form}
      layout="vertical"
      initialValues={{ profile: initialProfile }}
      disabled={!canWrite || starting}
      requiredMark
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('imports.review.fileTitle')} size="small" style={{ height: '100%' }}>
            <Descriptions size="small" column={1} data-testid="imports-file-info">
              <Descriptions.Item label={t('imports.review.format')}>
                <code data-testid="imports-format">{preview.format}</code>
              </Descriptions.Item>
              <Descriptions.Item label={t('imports.review.columns')}>{header.length}</Descriptions.Item>
              <Descriptions.Item label={t('imports.review.sampleRows')}>{preview.sampleRows.length}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('imports.review.fileHelp')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('imports.review.profileTitle')} size="small" style={{ height: '100%' }}>
            <Form.Item name="profile" rules={[{ required: true, message: t('imports.review.profileRequired') }]} style={{ marginBottom: 0 }}>
              <ProfilePicker candidates={candidates} profiles={profiles} disabled={!canWrite || starting} />
            </Form.Item>
          </Card>
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title={t('imports.review.mappingTitle')}
            extra={
              <Space>
                {changed > 0 && (
                  <Typography.Text type="secondary" data-testid="imports-mapping-changed">
                    {t('imports.review.adjusted', { count: changed })}
                  </Typography.Text>
                )}
                <Button
                  size="small"
                  icon={<UndoOutlined />}
                  disabled={!canWrite || starting || changed === 0}
                  onClick={() => {
                    form.setFieldValue('mapping', toForm(prefill));
                    form.setFields(fields.map((f) => ({ name: ['mapping', f], errors: [] })));
                  }}
                  data-testid="imports-mapping-reset"
                >
                  {t('imports.review.resetMapping')}
                </Button>
              </Space>
            }
          >
            <Typography.Paragraph type="secondary">{t('imports.review.mappingHelp')}</Typography.Paragraph>
            {profilesError ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Typography.Text type="danger">{t('common.loadFailed')}</Typography.Text>}>
                <Button icon={<ReloadOutlined />} onClick={reloadProfiles} disabled={false}>
                  {t('common.retry')}
                </Button>
              </Empty>
            ) : profilesLoading ? (
              <Flex justify="center" style={{ padding: 24 }}>
                <Spin />
              </Flex>
            ) : !info ? (
              <Typography.Text type="secondary">{t('imports.review.chooseProfileFirst')}</Typography.Text>
            ) : (
              <Row gutter={16} data-testid="imports-mapping">
                {fields.map((f) => (
                  <Col key={f} xs={24} md={12} xl={8} xxl={6}>
                    <Form.Item
                      name={['mapping', f]}
                      required={required.has(f)}
                      label={
                        <Tooltip title={<code>{f}</code>}>
                          <span>{importFieldLabel(tr, f)}</span>
                        </Tooltip>
                      }
                      rules={
                        required.has(f)
                          ? [
                              {
                                validator: (_, v: string | undefined) =>
                                  v && v !== NONE ? Promise.resolve() : Promise.reject(new Error(t('imports.review.fieldRequired'))),
                              },
                            ]
                          : []
                      }
                      style={{ marginBottom: 12 }}
                    >
                      <Select
                        showSearch
                        optionFilterProp="search"
                        options={columnOptions}
                        data-testid={`imports-map-${f}`}
                        popupMatchSelectWidth={false}
                      />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('imports.review.previewTitle', { count: preview.sampleRows.length })}>
            <Table
              rowKey="key"
              size="small"
              columns={previewColumns}
              dataSource={preview.sampleRows.map((cells, key) => ({ key, cells }))}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.review.noRows')} /> }}
              data-testid="imports-preview"
            />
          </Card>
        </Col>
      </Row>
      {canWrite ? (
        <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
          <Button
            type="primary"
            size="large"
            icon={<PlayCircleOutlined />}
            onClick={() => void start()}
            loading={starting}
            disabled={!info}
            data-testid="imports-start"
          >
            {t('imports.review.start')}
          </Button>
        </Flex>
      ) : (
        <Alert type="info" showIcon style={{ marginTop: 16 }} message={t('imports.review.readOnly')} />
      )}
    </Form>
  );
}
