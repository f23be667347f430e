import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Result,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  ReloadOutlined,
  SaveOutlined,
  UndoOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { couponTemplatesApi, type CouponTemplate } from '../../api/coupons';
import { QUALIFY_BY, loyaltyApi, type Ladder, type QualifyBy, type TierWarning } from '../../api/loyalty';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { qualifyByLabel } from '../../i18n/labels';
import { formatNumber } from '../../lib/format';
import {
  GRACE_DAYS_MAX,
  MAX_TIERS,
  MULTIPLIER_MAX,
  TIER_NAME_MAX,
  fromServerWarnings,
  hasProblems,
  ladderPath,
  newTierRow,
  problemText,
  tierProblems,
  tierToRow,
  tierWarnings,
  toTierInput,
  warningText,
  warningsAt,
  type LadderWarning,
  type TierField,
  type TierFormRow,
} from '../../lib/loyalty';
import { DEFAULT_CURRENCY } from '../../lib/shops';
import { LoyaltyNav } from './LoyaltyNav';
import { TierEvaluation } from './TierEvaluation';
import { TierTag } from './LoyaltyTags';

interface RowState {
  /** React key, stable while the row moves. */
  key: string;
  row: TierFormRow;
  /** Fields the user has changed (their problems show before a save attempt). */
  touched: TierField[];
}

let rowSeq = 0;
const rowKey = () => `tier-${++rowSeq}`;

const rowsOf = (ladder: Ladder): RowState[] => ladder.tiers.map((t) => ({ key: rowKey(), row: tierToRow(t), touched: [] }));
const bodyOf = (rows: readonly RowState[]) => JSON.stringify(rows.map((r) => toTierInput(r.row)));

/** `/loyalty/tiers`: the tier ladder as an ordered list (lowest first) with the server's rules and the brief's warnings live. */
export default function TiersPage() {
  const tr = useI18n();
  const { t, lang } = tr;
  const { can } = useAuth();
  const manage = can('loyalty.manage');
  const { message } = App.useApp();
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;

  const [ladder, setLadder] = useState<Ladder | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [rows, setRows] = useState<RowState[]>([]);
  const [baseline, setBaseline] = useState('[]');
  const [serverWarnings, setServerWarnings] = useState<TierWarning[]>([]);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [ladderErrors, setLadderErrors] = useState<string[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const [tick, setTick] = useState(0);
  const [evaluating, setEvaluating] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  /** An evaluation started here has not ended yet (only known with `job.read`). */
  const [running, setRunning] = useState(false);
  const [templates, setTemplates] = useState<CouponTemplate[]>([]);

  const apply = useCallback((l: Ladder) => {
    const r = rowsOf(l);
    setLadder(l);
    setRows(r);
    setBaseline(bodyOf(r));
    setServerWarnings(l.warnings);
    setServerErrors({});
    setLadderErrors([]);
    setConflict(null);
    setShowAll(false);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setLoadError(null);
    loyaltyApi
      .tiers(controller.signal)
      .then((l) => !controller.signal.aborted && apply(l))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(e);
        showErrorRef.current(e);
      });
    return () => controller.abort();
  }, [tick, apply]);

  const canCoupons = can('coupon.read');
  useEffect(() => {
    if (!canCoupons) return undefined;
    const controller = new AbortController();
    couponTemplatesApi
      .list({ status: 'active' }, { limit: 100, cursor: null }, controller.signal)
      .then((p) => !controller.signal.aborted && setTemplates(p.items))
      .catch(() => undefined);
    return () => controller.abort();
  }, [canCoupons]);

  const plain = useMemo(() => rows.map((r) => r.row), [rows]);
  const dirty = bodyOf(rows) !== baseline;
  const problems = useMemo(() => tierProblems(plain), [plain]);
  const warnings: LadderWarning[] = useMemo(
    () => (dirty ? tierWarnings(plain) : fromServerWarnings(serverWarnings, plain)),
    [dirty, plain, serverWarnings],
  );

  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  const membersById = useMemo(() => new Map((ladder?.tiers ?? []).map((x) => [x.id, x.members])), [ladder]);
  /** Stored tiers with members that the edited ladder no longer has (by id or code): the server refuses that. */
  const removedWithMembers = useMemo(() => {
    const ids = new Set(plain.map((r) => r.id).filter(Boolean));
    const codes = new Set(plain.map((r) => (r.code ?? '').trim()));
    return (ladder?.tiers ?? []).filter((x) => x.members > 0 && !ids.has(x.id) && !codes.has(x.code));
  }, [ladder, plain]);

  const structural = (next: RowState[]) => {
    setRows(next);
    setServerErrors({});
    setLadderErrors([]);
    setConflict(null);
  };
  const change = (index: number, field: TierField, value: unknown) => {
    setRows((list) =>
      list.map((r, i) =>
        i === index
          ? { ...r, row: { ...r.row, [field]: value }, touched: r.touched.includes(field) ? r.touched : [...r.touched, field] }
          : r,
      ),
    );
    setServerErrors((errs) => {
      const key = `tiers[${index}].${field}`;
      if (!(key in errs)) return errs;
      const next = { ...errs };
      delete next[key];
      return next;
    });
  };
  const add = () => structural([...rows, { key: rowKey(), row: newTierRow(plain), touched: [] }]);
  const remove = (index: number) => structural(rows.filter((_, i) => i !== index));
  const move = (index: number, by: -1 | 1) => {
    const j = index + by;
    if (j < 0 || j >= rows.length) return;
    const next = [...rows];
    [next[index], next[j]] = [next[j], next[index]];
    structural(next);
  };
  const discard = () => ladder && apply(ladder);

  const save = async () => {
    setShowAll(true);
    if (hasProblems(problems)) {
      message.error(t('loyalty.tiers.fixFirst'));
      return;
    }
    setSaving(true);
    setConflict(null);
    try {
      const saved = await loyaltyApi.saveTiers(plain.map(toTierInput));
      apply(saved);
      message.success(
        saved.warnings.length > 0
          ? t('loyalty.tiers.savedWithWarnings', { count: saved.warnings.length })
          : t('loyalty.tiers.saved', { count: saved.tiers.length }),
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setConflict(err.problem.detail || err.problem.title);
      } else if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const byField: Record<string, string[]> = {};
        const whole: string[] = [];
        for (const e of err.fieldErrors) {
          const path = ladderPath(e.field);
          if (path && path.index !== null && path.field) (byField[`tiers[${path.index}].${path.field}`] ??= []).push(e.message);
          else whole.push(path && path.index !== null ? t('loyalty.tiers.rowError', { row: path.index + 1, message: e.message }) : e.message);
        }
        setServerErrors(byField);
        setLadderErrors(whole);
        message.error(t('error.validation'));
      } else {
        showError(err);
      }
    } finally {
      setSaving(false);
    }
  };

  const evaluate = async () => {
    setEvaluating(true);
    try {
      const started = await loyaltyApi.evaluate();
      setJobId(started.jobId);
      setRunning(can('job.read'));
    } catch (err) {
      showError(err);
    } finally {
      setEvaluating(false);
    }
  };

  /** After an evaluation: fresh member counts; the rows too when nothing is being edited. */
  const afterEvaluation = useCallback(() => {
    setRunning(false);
    loyaltyApi
      .tiers()
      .then((l) => {
        setLadder(l);
        if (!dirtyRef.current) apply(l);
      })
      .catch((e: unknown) => showErrorRef.current(e));
  }, [apply]);

  const header = (
    <PageHeader
      title={t('loyalty.tiers.title')}
      subtitle={t('loyalty.tiers.subtitle')}
      extra={
        <>
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} />
          </Tooltip>
          {manage && (
            <Popconfirm title={t('loyalty.evaluate.confirm')} description={t('loyalty.evaluate.help')} onConfirm={() => void evaluate()}>
              <Button icon={<PlayCircleOutlined />} loading={evaluating} disabled={running} data-testid="tiers-evaluate">
                {t('loyalty.evaluate.button')}
              </Button>
            </Popconfirm>
          )}
        </>
      }
    />
  );

  if (!ladder) {
    return (
      <>
        {header}
        <LoyaltyNav />
        {loadError ? (
          <Result
            status="warning"
            title={t('common.loadFailed')}
            extra={
              <Button type="primary" icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)}>
                {t('common.retry')}
              </Button>
            }
          />
        ) : (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        )}
      </>
    );
  }

  const ladderWarnings = warningsAt(warnings, null);
  return (
    <>
      {header}
      <LoyaltyNav />
      {jobId && <TierEvaluation key={jobId} jobId={jobId} onEnded={afterEvaluation} onClose={() => setJobId(null)} />}
      <Typography.Paragraph type="secondary">{t('loyalty.tiers.rules')}</Typography.Paragraph>
      {ladderWarnings.map((w) => (
        <Alert
          key={`${w.field}:${w.rule}`}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={warningText(tr, w)}
          data-testid="tier-warning"
          data-rule={w.rule}
          data-source={dirty ? 'live' : 'server'}
        />
      ))}
      {problems.ladder && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={problemText(tr, problems.ladder)} data-testid="tiers-error" />
      )}
      {ladderErrors.map((e) => (
        <Alert key={e} type="error" showIcon style={{ marginBottom: 12 }} message={e} data-testid="tiers-error" />
      ))}
      {conflict && (
        <Alert type="error" showIcon closable onClose={() => setConflict(null)} style={{ marginBottom: 12 }} message={conflict} data-testid="tiers-conflict" />
      )}
      {removedWithMembers.map((x) => (
        <Alert
          key={x.id}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('loyalty.tiers.removedWithMembers', { name: x.name, count: formatNumber(x.members, lang) })}
          data-testid="tiers-removed-with-members"
        />
      ))}
      <Form layout="vertical" component="div" disabled={!manage || saving}>
        {rows.length === 0 && (
          <Card style={{ marginBottom: 16 }}>
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t(manage ? 'loyalty.tiers.emptyManage' : 'loyalty.tiers.empty')}
              data-testid="tiers-empty"
            />
          </Card>
        )}
        {rows.map((r, i) => (
          <TierRowCard
            key={r.key}
            index={i}
            count={rows.length}
            state={r}
            problems={problems.rows[i] ?? {}}
            showAll={showAll}
            serverErrors={serverErrors}
            warnings={warningsAt(warnings, i)}
            dirty={dirty}
            members={r.row.id ? membersById.get(r.row.id) : undefined}
            templates={templates}
            canCoupons={canCoupons}
            manage={manage}
            onChange={(field, value) => change(i, field, value)}
            onMove={(by) => move(i, by)}
            onRemove={() => remove(i)}
          />
        ))}
      </Form>
      {manage && (
        <Flex gap={8} wrap align="center" style={{ position: 'sticky', bottom: 0, padding: '12px 0', background: '#f5f7fa', zIndex: 2 }}>
          <Button icon={<PlusOutlined />} onClick={add} disabled={saving || rows.length >= MAX_TIERS} data-testid="tiers-add">
            {t('loyalty.tiers.add')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!dirty} onClick={() => void save()} data-testid="tiers-save">
            {t('loyalty.tiers.save')}
          </Button>
          <Button icon={<UndoOutlined />} disabled={!dirty || saving} onClick={discard} data-testid="tiers-discard">
            {t('loyalty.tiers.discard')}
          </Button>
          {dirty && (
            <Typography.Text type="warning" data-testid="tiers-unsaved">
              {t('loyalty.tiers.unsaved')}
            </Typography.Text>
          )}
        </Flex>
      )}
    </>
  );
}

interface RowProps {
  index: number;
  count: number;
  state: RowState;
  problems: Partial<Record<TierField, { code: string; params?: Record<string, string | number> }>>;
  showAll: boolean;
  serverErrors: Record<string, string[]>;
  warnings: LadderWarning[];
  dirty: boolean;
  members: number | undefined;
  templates: CouponTemplate[];
  canCoupons: boolean;
  manage: boolean;
  onChange: (field: TierField, value: unknown) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One tier of the ladder: its fields with their problems, its members, its warnings, and move / remove. */
function TierRowCard({
  index,
  count,
  state,
  problems,
  showAll,
  serverErrors,
  warnings,
  dirty,
  members,
  templates,
  canCoupons,
  manage,
  onChange,
  onMove,
  onRemove,
}: RowProps) {
  const tr = useI18n();
  const { t, lang } = tr;
  const { row, touched } = state;

  /** The item props of a field: the server's error first, else ours once touched (or after a save attempt). */
  const status = (field: TierField, extra?: ReactNode) => {
    const server = serverErrors[`tiers[${index}].${field}`];
    if (server?.length) return { validateStatus: 'error' as const, help: <span data-testid="tier-error">{server.join('; ')}</span> };
    const p = problems[field];
    if (p && (showAll || touched.includes(field))) {
      return { validateStatus: 'error' as const, help: <span data-testid="tier-error">{problemText(tr, p as never)}</span> };
    }
    return extra ? { help: extra } : {};
  };

  const stepWarning = warnings.find((w) => ladderPath(w.field)?.field === 'threshold');
  const rowWarnings = warnings.filter((w) => ladderPath(w.field)?.field === null);
  const thresholdStatus = (() => {
    const s = status('threshold');
    if (s.validateStatus || !stepWarning) return s;
    return {
      validateStatus: 'warning' as const,
      help: (
        <span data-testid="tier-warning" data-rule={stepWarning.rule} data-source={dirty ? 'live' : 'server'}>
          {warningText(tr, stepWarning)}
        </span>
      ),
    };
  })();

  const by: QualifyBy = row.qualifyBy ?? 'net_spend_12m';
  const unit = by === 'net_spend_12m' ? DEFAULT_CURRENCY : by === 'points_12m' ? t('loyalty.unit.points') : t('loyalty.unit.orders');
  const templateOptions = templates.map((x) => ({ value: x.id, label: x.name }));
  if (row.birthdayCouponTemplateId && !templates.some((x) => x.id === row.birthdayCouponTemplateId)) {
    templateOptions.push({ value: row.birthdayCouponTemplateId, label: row.birthdayCouponTemplateId });
  }
  const title = (
    <Space size={8} wrap>
      <Typography.Text type="secondary">#{index + 1}</Typography.Text>
      <TierTag code={(row.code ?? '').trim() || null} name={(row.name ?? '').trim() || row.code} rank={index + 1} />
      {index === 0 && <Tag>{t('loyalty.tiers.lowest')}</Tag>}
      {index === count - 1 && count > 1 && <Tag>{t('loyalty.tiers.highest')}</Tag>}
      {members !== undefined ? (
        <Typography.Text type="secondary" data-testid="tier-members">
          {t('loyalty.tiers.members', { count: formatNumber(members, lang) })}
        </Typography.Text>
      ) : (
        <Tag color="blue">{t('loyalty.tiers.new')}</Tag>
      )}
    </Space>
  );
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12 }}
      data-testid="tier-row"
      data-index={index}
      data-code={(row.code ?? '').trim()}
      extra={
        manage && (
          <Space size={4}>
            <Tooltip title={t('loyalty.tiers.moveUp')}>
              <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('loyalty.tiers.moveUp')} data-testid="tier-move-up" />
            </Tooltip>
            <Tooltip title={t('loyalty.tiers.moveDown')}>
              <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('loyalty.tiers.moveDown')} data-testid="tier-move-down" />
            </Tooltip>
            <Tooltip title={t('loyalty.tiers.remove')}>
              <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('loyalty.tiers.remove')} data-testid="tier-remove" />
            </Tooltip>
          </Space>
        )
      }
    >
      {rowWarnings.map((w) => (
        <Alert
          key={w.rule}
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 12 }}
          message={warningText(tr, w)}
          data-testid="tier-warning"
          data-rule={w.rule}
          data-source={dirty ? 'live' : 'server'}
        />
      ))}
      <Flex gap={16} wrap>
        <Form.Item label={t('loyalty.tier.code')} {...status('code', t('loyalty.tier.codeHelp'))} style={{ flex: '1 1 160px' }}>
          <Input value={row.code} maxLength={30} autoComplete="off" onChange={(e) => onChange('code', e.target.value)} data-testid="tier-code" />
        </Form.Item>
        <Form.Item label={t('loyalty.tier.name')} {...status('name')} style={{ flex: '1 1 160px' }}>
          <Input value={row.name} maxLength={TIER_NAME_MAX} autoComplete="off" onChange={(e) => onChange('name', e.target.value)} data-testid="tier-name" />
        </Form.Item>
        <Form.Item label={t('loyalty.tier.qualifyBy')} {...status('qualifyBy')} style={{ flex: '1 1 200px' }}>
          <Select<QualifyBy>
            value={row.qualifyBy}
            onChange={(v) => onChange('qualifyBy', v)}
            options={QUALIFY_BY.map((q) => ({ value: q, label: qualifyByLabel(tr, q) }))}
            data-testid="tier-qualifyBy"
          />
        </Form.Item>
        <Form.Item label={t('loyalty.tier.threshold')} {...thresholdStatus} style={{ flex: '1 1 200px' }}>
          <InputNumber
            value={row.threshold}
            min={0}
            precision={by === 'net_spend_12m' ? 2 : 0}
            style={{ width: '100%' }}
            addonAfter={unit}
            onChange={(v) => onChange('threshold', v)}
            data-testid="tier-threshold"
          />
        </Form.Item>
      </Flex>
      <Flex gap={16} wrap>
        <Form.Item label={t('loyalty.tier.pointsMultiplier')} {...status('pointsMultiplier')} style={{ flex: '1 1 140px' }}>
          <InputNumber
            value={row.pointsMultiplier}
            min={0}
            max={MULTIPLIER_MAX}
            step={0.1}
            precision={2}
            style={{ width: '100%' }}
            addonAfter="×"
            onChange={(v) => onChange('pointsMultiplier', v)}
            data-testid="tier-pointsMultiplier"
          />
        </Form.Item>
        <Form.Item label={t('loyalty.tier.discountPercent')} {...status('discountPercent')} style={{ flex: '1 1 140px' }}>
          <InputNumber
            value={row.discountPercent}
            min={0}
            max={99.99}
            precision={2}
            style={{ width: '100%' }}
            addonAfter="%"
            onChange={(v) => onChange('discountPercent', v)}
            data-testid="tier-discountPercent"
          />
        </Form.Item>
        <Form.Item label={t('loyalty.tier.graceDays')} {...status('graceDays', t('loyalty.tier.graceDaysHelp'))} style={{ flex: '1 1 160px' }}>
          <InputNumber
            value={row.graceDays}
            min={0}
            max={GRACE_DAYS_MAX}
            precision={0}
            style={{ width: '100%' }}
            addonAfter={t('loyalty.unit.days')}
            onChange={(v) => onChange('graceDays', v)}
            data-testid="tier-graceDays"
          />
        </Form.Item>
        <Form.Item label={t('loyalty.tier.freeShipping')} style={{ flex: '0 0 auto' }}>
          <Switch checked={!!row.freeShipping} onChange={(v) => onChange('freeShipping', v)} data-testid="tier-freeShipping" />
        </Form.Item>
      </Flex>
      <Flex gap={16} wrap>
        <Form.Item label={t('loyalty.tier.exclusiveService')} {...status('exclusiveService')} style={{ flex: '2 1 280px', marginBottom: 0 }}>
          <Input
            value={row.exclusiveService ?? ''}
            placeholder={t('loyalty.tier.exclusiveServicePlaceholder')}
            onChange={(e) => onChange('exclusiveService', e.target.value)}
            data-testid="tier-exclusiveService"
          />
        </Form.Item>
        {(canCoupons || row.birthdayCouponTemplateId) && (
          <Form.Item label={t('loyalty.tier.birthdayCoupon')} {...status('birthdayCouponTemplateId')} style={{ flex: '1 1 220px', marginBottom: 0 }}>
            <Select<string>
              allowClear
              showSearch
              optionFilterProp="label"
              value={row.birthdayCouponTemplateId ?? undefined}
              placeholder={t('loyalty.tier.birthdayCouponNone')}
              options={templateOptions}
              onChange={(v) => onChange('birthdayCouponTemplateId', v ?? null)}
              data-testid="tier-birthdayCoupon"
            />
          </Form.Item>
        )}
      </Flex>
    </Card>
  );
}
