import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App, Button, Flex, Popconfirm, Result, Select, Space, Spin, Tabs, Tag, Tooltip } from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CloudUploadOutlined,
  DeleteOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  SaveOutlined,
  SettingOutlined,
  StopOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { journeysApi, type Definition, type Journey, type JourneyInput, type JourneyStats } from '../../api/journeys';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useJourneyRefs } from '../../hooks/useJourneyRefs';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { canonicalJson, definitionProblems, keepServerProblems, serverProblems, type Problem } from '../../lib/journeys';
import { JourneyEditor } from './JourneyEditor';
import { EnrolModal } from './EnrolModal';
import { EnrolmentsTable, JourneyResults } from './JourneyResults';
import { JourneyStatusTag } from './JourneyTags';
import { nodeTypeLabel } from './nodeKinds';

/** How often the node counters and results are refetched while the page is open. */
export const STATS_INTERVAL_MS = 3000;

type View = 'draft' | number;

const inputOf = (j: Journey): JourneyInput => ({ name: j.name, description: j.description, definition: j.definition });

/** The stats of the version shown, refetched every few seconds while the page is visible. */
function useStatsPolling(journeyId: string, version: number | null) {
  const [stats, setStats] = useState<JourneyStats | null>(null);
  useEffect(() => {
    setStats(null);
    if (version == null) return undefined;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (!document.hidden) {
        try {
          const s = await journeysApi.stats(journeyId, version, controller.signal);
          if (!controller.signal.aborted) setStats(s);
        } catch {
          // a missed poll is retried at the next tick; the counters keep their last values
        }
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void poll(), STATS_INTERVAL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [journeyId, version]);
  return stats;
}

/** One journey: the canvas (draft or a published version, read-only), its results and enrolments. */
export default function JourneyPage() {
  const tr = useI18n();
  const { t } = tr;
  const { id = '' } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('journey.manage');
  const showError = useApiError();
  const refs = useJourneyRefs();

  const [journey, setJourney] = useState<Journey | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<JourneyInput | null>(null);
  const [saved, setSaved] = useState('');
  const [server, setServer] = useState<Problem[]>([]);
  const [view, setView] = useState<View>('draft');
  const [versionDef, setVersionDef] = useState<Definition | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [tab, setTab] = useState('canvas');
  const [enrolling, setEnrolling] = useState(false);
  const draftRef = useRef<JourneyInput | null>(null);
  draftRef.current = draft;

  useEffect(() => {
    const controller = new AbortController();
    journeysApi
      .get(id, controller.signal)
      .then((j) => {
        if (controller.signal.aborted) return;
        setJourney(j);
        setDraft(inputOf(j));
        setSaved(canonicalJson(inputOf(j)));
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(e);
        if (!(e instanceof ApiError && (e.status === 404 || e.status === 400))) showError(e);
      });
    return () => controller.abort();
  }, [id, showError]);

  useEffect(() => {
    if (view === 'draft') {
      setVersionDef(null);
      return undefined;
    }
    const controller = new AbortController();
    journeysApi
      .version(id, view, controller.signal)
      .then((v) => !controller.signal.aborted && setVersionDef(v.definition))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        showError(e);
        setView('draft');
      });
    return () => controller.abort();
  }, [id, view, showError]);

  const statsVersion = view === 'draft' ? journey?.currentVersion ?? null : view;
  const stats = useStatsPolling(id, statsVersion);

  const dirty = !!draft && canonicalJson(draft) !== saved;
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onDraftChange = useCallback((next: JourneyInput) => {
    const prev = draftRef.current;
    if (prev) setServer((list) => keepServerProblems(prev, next, list));
    setDraft(next);
  }, []);

  const clientProblems = useMemo<Problem[]>(() => {
    if (!draft) return [];
    const list = definitionProblems(draft.definition, refs.builder.catalog);
    if (!draft.name.trim()) list.unshift({ field: 'name', code: 'required', source: 'client' });
    return list;
  }, [draft, refs.builder.catalog]);
  // the server's word on a field the console already flags is not repeated
  const problems = useMemo(() => {
    const flagged = new Set(clientProblems.map((p) => p.field));
    return [...clientProblems, ...server.filter((p) => !flagged.has(p.field))];
  }, [clientProblems, server]);

  const readOnly = !manage || view !== 'draft' || journey?.status === 'stopped';

  /** Saves the draft when it changed; false when the server refused it (its problems are then shown). */
  const save = async (): Promise<boolean> => {
    if (!draft || !journey) return false;
    if (!dirty) return true;
    try {
      const sent = draft;
      const j = await journeysApi.update(journey.id, sent);
      setJourney(j);
      setSaved(canonicalJson(sent));
      setServer([]);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.is('validation') && e.fieldErrors.length > 0) {
        setServer(serverProblems(e.fieldErrors));
        message.error(t('journey.problems.server'));
      } else showError(e);
      return false;
    }
  };

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    try {
      await fn();
    } finally {
      setBusy(null);
    }
  };

  const validate = async () => {
    if (!journey) return;
    if (!(await save())) return;
    try {
      const r = await journeysApi.validate(journey.id);
      setServer(serverProblems(r.errors));
      if (r.valid) message.success(t('journey.validate.ok'));
      else message.warning(t('journey.validate.problems', { count: r.errors.length }));
    } catch (e) {
      showError(e);
    }
  };

  const saveDraft = async () => {
    if (!journey) return;
    if (!(await save())) return;
    message.success(t('journey.saved'));
    // what the server would say at publication, shown on the canvas
    try {
      const r = await journeysApi.validate(journey.id);
      setServer(serverProblems(r.errors));
    } catch {
      // the draft is saved; validation is asked again at publication
    }
  };

  const transition = async (fn: (id: string) => Promise<Journey>, done: string) => {
    if (!journey) return;
    try {
      const j = await fn(journey.id);
      setJourney(j);
      message.success(done);
    } catch (e) {
      if (e instanceof ApiError && e.is('validation') && e.fieldErrors.length > 0) {
        setServer(serverProblems(e.fieldErrors));
        setView('draft');
        setTab('canvas');
        message.error(t('journey.problems.server'));
      } else showError(e);
    }
  };

  const publish = async () => {
    if (!journey || !(await save())) return;
    await transition(journeysApi.publish, t('journey.published', { version: (journey.currentVersion ?? 0) + 1 }));
  };

  const remove = async () => {
    if (!journey) return;
    try {
      await journeysApi.remove(journey.id);
      message.success(t('journey.deleted'));
      navigate('/journeys');
    } catch (e) {
      showError(e);
    }
  };

  const back = (
    <Link to="/journeys" data-testid="journey-back">
      <ArrowLeftOutlined /> {t('journey.back')}
    </Link>
  );

  if (loadError && !journey) {
    const notFound = loadError instanceof ApiError && (loadError.status === 404 || loadError.status === 400);
    return <Result status={notFound ? '404' : 'warning'} title={notFound ? '404' : t('common.loadFailed')} subTitle={notFound ? t('journey.notFound') : undefined} extra={back} />;
  }
  if (!journey || !draft) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  }

  const shownDefinition = view === 'draft' ? draft.definition : versionDef;
  const nodeName = (nodeId: string) => {
    const n = (shownDefinition ?? draft.definition).nodes.find((x) => x.id === nodeId);
    return n ? n.label || nodeTypeLabel(tr, n.type) : nodeId;
  };
  const status = journey.status;
  const blocking = clientProblems.length;
  // a live journey whose draft is its current version has nothing new to publish
  const unchanged = journey.currentVersion != null && !dirty && !journey.hasDraftChanges;
  const publishHint = blocking > 0 ? t('journey.publish.blocked', { count: blocking }) : unchanged ? t('journey.publish.unchanged', { version: journey.currentVersion ?? '' }) : undefined;
  const publishDisabled = blocking > 0 || unchanged || view !== 'draft';

  const versionOptions = [
    { value: 'draft', label: t('journey.version.draft') },
    ...[...journey.versions]
      .sort((a, b) => b.version - a.version)
      .map((v) => ({
        value: String(v.version),
        label: t('journey.version.option', { version: v.version, at: formatDateTime(v.publishedAt) }),
      })),
  ];

  const actions = manage && (
    <>
      {status !== 'stopped' && (
        <>
          <Button icon={<CheckCircleOutlined />} loading={busy === 'validate'} disabled={view !== 'draft'} onClick={() => void run('validate', validate)} data-testid="journey-validate">
            {t('journey.validate')}
          </Button>
          <Button icon={<SaveOutlined />} loading={busy === 'save'} disabled={view !== 'draft' || !dirty} onClick={() => void run('save', saveDraft)} data-testid="journey-save">
            {t('journey.save')}
          </Button>
          <Tooltip title={publishHint}>
            <Popconfirm
              title={t('journey.publish.confirm', { version: (journey.currentVersion ?? 0) + 1 })}
              description={t('journey.publish.confirmHelp')}
              okText={t('journey.publish')}
              cancelText={t('common.cancel')}
              onConfirm={() => run('publish', publish)}
              disabled={publishDisabled}
            >
              <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === 'publish'} disabled={publishDisabled} data-testid="journey-publish">
                {t('journey.publish')}
              </Button>
            </Popconfirm>
          </Tooltip>
        </>
      )}
      {status === 'active' && (
        <Button icon={<UserAddOutlined />} onClick={() => setEnrolling(true)} data-testid="journey-enrol">
          {t('journey.enrol.button')}
        </Button>
      )}
      {status === 'active' && (
        <Button icon={<PauseCircleOutlined />} loading={busy === 'pause'} onClick={() => void run('pause', () => transition(journeysApi.pause, t('journey.paused')))} data-testid="journey-pause">
          {t('journey.pause')}
        </Button>
      )}
      {status === 'paused' && (
        <Button icon={<PlayCircleOutlined />} loading={busy === 'resume'} onClick={() => void run('resume', () => transition(journeysApi.resume, t('journey.resumed')))} data-testid="journey-resume">
          {t('journey.resume')}
        </Button>
      )}
      {(status === 'active' || status === 'paused') && (
        <Popconfirm
          title={t('journey.stop.confirm')}
          description={t('journey.stop.confirmHelp')}
          okText={t('journey.stop')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => run('stop', () => transition(journeysApi.stop, t('journey.stopped')))}
        >
          <Button danger icon={<StopOutlined />} loading={busy === 'stop'} data-testid="journey-stop">
            {t('journey.stop')}
          </Button>
        </Popconfirm>
      )}
      {journey.currentVersion == null && (
        <Popconfirm title={t('journey.delete.confirm')} okText={t('journey.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => void remove()}>
          <Button danger type="text" icon={<DeleteOutlined />} data-testid="journey-delete">
            {t('journey.delete')}
          </Button>
        </Popconfirm>
      )}
    </>
  );

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="journey-title">{draft.name || t('journey.untitled')}</span>
            <JourneyStatusTag status={status} />
            {journey.currentVersion != null && <Tag data-testid="journey-current-version">{t('journey.version.current', { version: journey.currentVersion })}</Tag>}
            {dirty && (
              <Tag color="gold" data-testid="journey-unsaved">
                {t('journey.unsaved')}
              </Tag>
            )}
            {!dirty && journey.hasDraftChanges && journey.currentVersion != null && <Tag color="blue">{t('journey.draftChanges')}</Tag>}
          </Space>
        }
        subtitle={journey.description || undefined}
        extra={
          <>
            <Select
              value={String(view)}
              style={{ width: 300 }}
              options={versionOptions}
              onChange={(v: string) => setView(v === 'draft' ? 'draft' : Number(v))}
              data-testid="journey-version"
              aria-label={t('journey.version.label')}
            />
            {actions}
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'canvas',
            label: (
              <span data-testid="journey-tab-canvas">
                <SettingOutlined /> {t('journey.tab.canvas')}
              </span>
            ),
            children: shownDefinition ? (
              <>
                {view !== 'draft' && (
                  <Tag color="blue" style={{ marginBottom: 8 }} data-testid="journey-readonly-version">
                    {t('journey.version.readOnly', { version: view })}
                  </Tag>
                )}
                <JourneyEditor
                  key={view === 'draft' ? 'draft' : `v${view}`}
                  initial={view === 'draft' ? draft : { ...draft, definition: shownDefinition }}
                  readOnly={readOnly}
                  refs={refs}
                  problems={view === 'draft' && !readOnly ? problems : []}
                  counters={stats?.nodes ?? null}
                  onChange={onDraftChange}
                />
              </>
            ) : (
              <Spin />
            ),
          },
          {
            key: 'results',
            label: <span data-testid="journey-tab-results">{t('journey.tab.results')}</span>,
            children: <JourneyResults stats={stats} />,
          },
          {
            key: 'enrolments',
            label: <span data-testid="journey-tab-enrolments">{t('journey.tab.enrolments')}</span>,
            children: <EnrolmentsTable journeyId={journey.id} nodeName={nodeName} />,
          },
        ]}
      />
      {enrolling && <EnrolModal journeyId={journey.id} onClose={() => setEnrolling(false)} />}
    </>
  );
}
