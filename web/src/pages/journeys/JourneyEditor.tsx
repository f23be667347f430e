import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, applyEdgeChanges, applyNodeChanges, useReactFlow, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { Alert, Typography } from 'antd';
import type { JourneyInput, NodeConfig, NodeCounters, NodeType } from '../../api/journeys';
import type { JourneyRefs } from '../../hooks/useJourneyRefs';
import type { MessageKey } from '../../i18n/core';
import { useI18n } from '../../i18n/I18nProvider';
import { defaultConfig, freshId, nodeOutputs, problemTarget, wouldCycle, type Problem, type Settings } from '../../lib/journeys';
import { CanvasContext, JourneyFlow, fromFlow, toFlowEdge, toFlowNode, type CanvasInfo, type JEdge, type JNode, type JNodeData } from './JourneyCanvas';
import { NodePalette } from './NodePalette';
import { NodePanel } from './NodePanel';
import { SettingsPanel } from './SettingsPanel';
import { describeNode, nodeTypeLabel, type RefNames } from './nodeKinds';
import { useProblemText } from './problems';

const NEW_NODE_GAP = 150;

/** The settings' field paths (the server's) and their labels, for the problem list. */
const SETTINGS_FIELD_LABELS: [string, MessageKey][] = [
  ['name', 'journey.field.name'],
  ['description', 'journey.field.description'],
  ['entry.segmentId', 'journey.field.segment'],
  ['entry.eventType', 'journey.field.eventType'],
  ['entry.customName', 'journey.field.customName'],
  ['entry.filters', 'journey.field.filters'],
  ['entry', 'journey.settings.entry'],
  ['reentry', 'journey.field.reentryDays'],
  ['enrolmentLimit', 'journey.field.enrolmentLimit'],
  ['startsAt', 'journey.field.startsAt'],
  ['endsAt', 'journey.field.endsAt'],
  ['goal', 'journey.field.goal'],
  ['conversionWindowDays', 'journey.field.conversionWindowDays'],
];

interface Props {
  /** Read once, when mounted: remount (a new `key`) to show another version. */
  initial: JourneyInput;
  readOnly: boolean;
  refs: JourneyRefs;
  /** Client and server problems of the draft, by server field path. */
  problems: Problem[];
  counters: Record<string, NodeCounters> | null;
  onChange: (draft: JourneyInput) => void;
}

function settingsOf(d: JourneyInput['definition']): Settings {
  const { nodes: _n, edges: _e, ...settings } = d;
  return settings;
}

/** The canvas with its palette, side panel and problem list; holds the graph being edited. */
export function JourneyEditor(props: Props) {
  return (
    <ReactFlowProvider>
      <EditorInner {...props} />
    </ReactFlowProvider>
  );
}

function EditorInner({ initial, readOnly, refs, problems, counters, onChange }: Props) {
  const tr = useI18n();
  const { t } = tr;
  const problemText = useProblemText();
  const [nodes, setNodes] = useState<JNode[]>(() => initial.definition.nodes.map(toFlowNode));
  const [edges, setEdges] = useState<JEdge[]>(() => initial.definition.edges.map(toFlowEdge));
  const [settings, setSettings] = useState<Settings>(() => settingsOf(initial.definition));
  const [meta, setMeta] = useState({ name: initial.name, description: initial.description });
  const [selected, setSelected] = useState<string | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const { fitView } = useReactFlow();

  // report the draft upwards, but not on every frame of a drag
  const dragging = nodes.some((n) => n.dragging);
  useEffect(() => {
    if (readOnly || dragging) return;
    onChangeRef.current({ name: meta.name, description: meta.description, definition: fromFlow(nodes, edges, settings) });
  }, [nodes, edges, settings, meta, readOnly, dragging]);

  const onNodesChange = useCallback(
    (changes: NodeChange<JNode>[]) => {
      const allowed = readOnly ? changes.filter((c) => c.type === 'select' || c.type === 'dimensions') : changes;
      setNodes((ns) => applyNodeChanges(allowed, ns));
      if (changes.some((c) => c.type === 'remove' && c.id === selected)) setSelected(null);
    },
    [readOnly, selected],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<JEdge>[]) => setEdges((es) => applyEdgeChanges(readOnly ? changes.filter((c) => c.type === 'select') : changes, es)),
    [readOnly],
  );

  const connect = useCallback((c: { source: string; sourceHandle: string; target: string }) => {
    setEdges((es) => {
      // one edge per output handle: a new connection replaces the handle's edge
      const rest = es.filter((e) => !(e.source === c.source && (e.sourceHandle ?? 'next') === c.sourceHandle));
      return [...rest, toFlowEdge({ id: freshId('e', es.map((e) => e.id)), ...c })];
    });
  }, []);
  const onConnect = useCallback(
    (c: Connection) => {
      if (c.source && c.target) connect({ source: c.source, sourceHandle: c.sourceHandle ?? 'next', target: c.target });
    },
    [connect],
  );
  const isValidConnection = useCallback(
    (c: { source: string | null; target: string | null; sourceHandle?: string | null }) => {
      if (!c.source || !c.target || c.source === c.target) return false;
      const target = nodes.find((n) => n.id === c.target);
      if (!target || target.data.type === 'entry') return false;
      const others = edges.filter((e) => !(e.source === c.source && e.sourceHandle === c.sourceHandle));
      return !wouldCycle(others, c.source, c.target);
    },
    [nodes, edges],
  );

  const addNode = useCallback(
    (type: NodeType, position?: { x: number; y: number }) => {
      const id = freshId('n', nodes.map((n) => n.id));
      const from = !position ? nodes.find((n) => n.id === selected) : undefined;
      const at =
        position ??
        (from
          ? { x: from.position.x, y: from.position.y + NEW_NODE_GAP }
          : { x: 0, y: nodes.reduce((max, n) => Math.max(max, n.position.y), 0) + NEW_NODE_GAP });
      setNodes((ns) => [...ns.map((n) => ({ ...n, selected: false })), { ...toFlowNode({ id, type, label: null, position: at, config: defaultConfig(type) }), selected: true }]);
      if (from) {
        const outputs = nodeOutputs(from.data.type, from.data.config);
        const free = outputs.find((h) => !edges.some((e) => e.source === from.id && e.sourceHandle === h));
        const taken = edges.find((e) => e.source === from.id && e.sourceHandle === outputs[0]);
        const ownFirst = nodeOutputs(type, defaultConfig(type))[0];
        if (free) connect({ source: from.id, sourceHandle: free, target: id });
        else if (taken && ownFirst) {
          // every output is taken: insert the new node after the selected one, on its first output
          connect({ source: from.id, sourceHandle: outputs[0], target: id });
          connect({ source: id, sourceHandle: ownFirst, target: taken.target });
          setNodes((ns) => ns.map((n) => (n.position.y >= at.y && n.id !== id ? { ...n, position: { ...n.position, y: n.position.y + NEW_NODE_GAP } } : n)));
        }
      }
      setSelected(id);
      // a node added from the palette may land below the view: show the whole journey again once it is drawn
      if (!position) setTimeout(() => void fitView({ padding: 0.2, maxZoom: 1, duration: 200 }), 50);
    },
    [nodes, edges, selected, connect, fitView],
  );

  const updateNode = useCallback((id: string, patch: { label?: string | null; config?: NodeConfig }) => {
    setNodes((ns) => ns.map((n) => (n.id === id ? { ...n, data: { ...n.data, ...patch } } : n)));
    if (patch.config) {
      const node = nodes.find((n) => n.id === id);
      if (node) {
        // a handle that is gone (a removed variant, another wait mode) takes its edge with it
        const outputs = nodeOutputs(node.data.type, patch.config);
        setEdges((es) => es.filter((e) => e.source !== id || outputs.includes(e.sourceHandle ?? 'next')));
      }
    }
  }, [nodes]);

  const deleteNode = useCallback((id: string) => {
    setNodes((ns) => ns.filter((n) => n.id !== id));
    setEdges((es) => es.filter((e) => e.source !== id && e.target !== id));
    setSelected(null);
  }, []);

  const names: RefNames = useMemo(() => {
    const messages = new Map((refs.messageTemplates ?? []).map((m) => [m.id, m.name]));
    const coupons = new Map((refs.couponTemplates ?? []).map((c) => [c.value, c.label]));
    const tags = new Map(refs.builder.tags.map((x) => [x.value, x.label]));
    return { messageTemplate: (id) => messages.get(id), couponTemplate: (id) => coupons.get(id), tag: (id) => tags.get(id) };
  }, [refs.messageTemplates, refs.couponTemplates, refs.builder.tags]);

  const entryLabel = t(`journey.entry.${settings.entry.kind}`);
  const canvas: CanvasInfo = useMemo(() => {
    const invalidNodes = new Set<string>();
    const invalidEdges = new Set<string>();
    for (const p of problems) {
      const target = problemTarget(p.field, nodes, edges);
      if (target.nodeId) invalidNodes.add(target.nodeId);
      if (target.edgeId) invalidEdges.add(target.edgeId);
      // the entry trigger's problems show on the entry node
      if (p.field.startsWith('entry.')) nodes.filter((n) => n.data.type === 'entry').forEach((n) => invalidNodes.add(n.id));
    }
    return {
      counters,
      invalidNodes,
      invalidEdges,
      readOnly,
      describe: (d: JNodeData) => (d.type === 'entry' ? entryLabel : describeNode(tr, d, names)),
      onDeleteEdge: (id: string) => setEdges((es) => es.filter((e) => e.id !== id)),
    };
  }, [problems, nodes, edges, counters, readOnly, tr, names, entryLabel]);

  const selectedNode = nodes.find((n) => n.id === selected);
  const nodeProblems = useMemo(() => {
    if (!selectedNode) return [];
    return problems.flatMap((p) => {
      const target = problemTarget(p.field, nodes, edges);
      return target.nodeId === selectedNode.id ? [{ ...p, rest: target.rest }] : [];
    });
  }, [problems, selectedNode, nodes, edges]);
  const settingsProblemList = problems.filter((p) => !problemTarget(p.field).nodeId && !problemTarget(p.field).edgeId && p.field !== 'nodes');

  // the list groups a node's problems, in the canvas' node order, settings first
  const sortedProblems = useMemo(() => {
    const order = new Map(nodes.map((n, i) => [n.id, i]));
    const rank = (p: Problem) => {
      const target = problemTarget(p.field, nodes, edges);
      return target.nodeId ? 1 + (order.get(target.nodeId) ?? nodes.length) : target.edgeId ? nodes.length + 2 : 0;
    };
    return problems.map((p, i) => ({ p, i, r: rank(p) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.p);
  }, [problems, nodes, edges]);

  const select = useCallback((id: string | null) => {
    setSelected(id);
    setNodes((ns) => ns.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })));
  }, []);

  const where = (p: Problem): string => {
    const target = problemTarget(p.field, nodes, edges);
    if (target.nodeId) {
      const n = nodes.find((x) => x.id === target.nodeId);
      return n ? n.data.label || `${nodeTypeLabel(tr, n.data.type)} (${n.id})` : target.nodeId;
    }
    if (target.edgeId) return t('journey.problems.edge', { id: target.edgeId });
    const field = SETTINGS_FIELD_LABELS.find(([prefix]) => p.field === prefix || p.field.startsWith(`${prefix}.`) || p.field.startsWith(`${prefix}[`));
    return field ? `${t('journey.problems.settings')} · ${t(field[1])}` : t('journey.problems.settings');
  };

  const panel =
    selectedNode && selectedNode.data.type !== 'entry' ? (
      <NodePanel
        key={selectedNode.id}
        node={selectedNode}
        readOnly={readOnly}
        refs={refs}
        problems={nodeProblems}
        counters={counters?.[selectedNode.id]}
        onChange={(patch) => updateNode(selectedNode.id, patch)}
        onDelete={() => deleteNode(selectedNode.id)}
      />
    ) : (
      <SettingsPanel
        name={meta.name}
        description={meta.description}
        settings={settings}
        readOnly={readOnly}
        refs={refs}
        problems={settingsProblemList}
        onChange={(c) => {
          setMeta({ name: c.name, description: c.description });
          setSettings(c.settings);
        }}
      />
    );

  return (
    <>
      {!readOnly && problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="journey-problems"
          message={t('journey.problems.title', { count: problems.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 16, maxHeight: 140, overflow: 'auto' }}>
              {sortedProblems.map((p, i) => {
                const target = problemTarget(p.field, nodes, edges);
                return (
                  <li key={`${p.field}-${i}`} data-testid="journey-problem" data-field={p.field} data-node-id={target.nodeId} data-source={p.source}>
                    <Typography.Link onClick={() => select(target.nodeId ?? null)}>{where(p)}</Typography.Link>
                    {': '}
                    {problemText(p)}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
      <CanvasContext.Provider value={canvas}>
        <div className="jc-layout">
          {!readOnly && <NodePalette hasEntry={nodes.some((n) => n.data.type === 'entry')} onAdd={(type) => addNode(type)} />}
          <JourneyFlow
            nodes={nodes}
            edges={edges}
            readOnly={readOnly}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            onSelect={select}
            onDropNode={addNode}
          />
          {panel}
        </div>
      </CanvasContext.Provider>
    </>
  );
}
