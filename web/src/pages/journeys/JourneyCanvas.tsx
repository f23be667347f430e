import { createContext, memo, useCallback, useContext, type DragEvent } from 'react';
import {
  Background,
  BaseEdge,
  Controls,
  EdgeLabelRenderer,
  Handle,
  MiniMap,
  Position,
  ReactFlow,
  getSmoothStepPath,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type EdgeProps,
  type IsValidConnection,
  type Node,
  type NodeChange,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Button, Tooltip, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import type { Definition, JourneyEdge, JourneyNode, NodeConfig, NodeCounters, NodeType } from '../../api/journeys';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';
import { hasInput, nodeOutputs, type Settings } from '../../lib/journeys';
import { NODE_KINDS, handleLabel, nodeTypeLabel } from './nodeKinds';
import './journeys.css';

export interface JNodeData extends Record<string, unknown> {
  type: NodeType;
  label: string | null;
  config: NodeConfig;
}
export type JNode = Node<JNodeData, 'journey'>;
export type JEdge = Edge<Record<string, unknown>, 'journey'>;

/** The MIME type of a palette item being dragged onto the canvas. */
export const DRAG_TYPE = 'application/x-liuliang-journey-node';

export function toFlowNode(n: JourneyNode): JNode {
  return {
    id: n.id,
    type: 'journey',
    position: n.position ?? { x: 0, y: 0 },
    deletable: n.type !== 'entry',
    data: { type: n.type, label: n.label, config: n.config ?? {} },
  };
}

export function toFlowEdge(e: JourneyEdge): JEdge {
  return { id: e.id, type: 'journey', source: e.source, sourceHandle: e.sourceHandle, target: e.target };
}

export function fromFlow(nodes: JNode[], edges: JEdge[], settings: Settings): Definition {
  return {
    ...settings,
    nodes: nodes.map((n) => ({
      id: n.id,
      type: n.data.type,
      label: n.data.label?.trim() ? n.data.label.trim() : null,
      position: { x: n.position.x, y: n.position.y },
      config: n.data.config,
    })),
    edges: edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: e.sourceHandle ?? 'next', target: e.target })),
  };
}

/** What the nodes show besides their own data: counters, problems, a one-line description. */
export interface CanvasInfo {
  counters: Record<string, NodeCounters> | null;
  invalidNodes: Set<string>;
  invalidEdges: Set<string>;
  describe: (node: JNodeData) => string;
  readOnly: boolean;
  onDeleteEdge: (id: string) => void;
}

export const CanvasContext = createContext<CanvasInfo | null>(null);

function useCanvas(): CanvasInfo {
  const ctx = useContext(CanvasContext);
  if (!ctx) throw new Error('inside <CanvasContext.Provider> only');
  return ctx;
}

const COUNTERS = ['entered', 'waiting', 'passed', 'converted'] as const;

function Counters({ c }: { c: NodeCounters | undefined }) {
  const { t, lang } = useI18n();
  return (
    <div className="jn-counters" data-testid="node-counters">
      {COUNTERS.map((k) => (
        <Tooltip key={k} title={t(`journey.counter.${k}`)}>
          <span className={`jn-counter jn-counter-${k}`} data-testid={`node-counter-${k}`} data-value={c?.[k] ?? 0}>
            {formatNumber(c?.[k] ?? 0, lang)}
          </span>
        </Tooltip>
      ))}
    </div>
  );
}

/** One node on the canvas: icon, type and label, what it does, live counters, and its handles. */
const JourneyNodeView = memo(function JourneyNodeView({ id, data, selected }: NodeProps<JNode>) {
  const tr = useI18n();
  const ctx = useCanvas();
  const kind = NODE_KINDS[data.type];
  const outputs = nodeOutputs(data.type, data.config);
  const invalid = ctx.invalidNodes.has(id);
  const summary = ctx.describe(data);
  return (
    <div
      className={`jn${invalid ? ' jn-invalid' : ''}${selected ? ' jn-selected' : ''}`}
      style={{ borderTopColor: kind.color }}
      data-testid="journey-node"
      data-node-id={id}
      data-node-type={data.type}
      data-invalid={invalid ? 'true' : 'false'}
    >
      {hasInput(data.type) && <Handle type="target" position={Position.Top} className="jn-handle-in" data-testid="handle-in" />}
      <div className="jn-title">
        <span className="jn-icon" style={{ color: kind.color }}>
          {kind.icon}
        </span>
        <span className="jn-type">{nodeTypeLabel(tr, data.type)}</span>
      </div>
      {data.label && <div className="jn-label">{data.label}</div>}
      {summary && (
        <Typography.Text type="secondary" className="jn-summary" ellipsis>
          {summary}
        </Typography.Text>
      )}
      {ctx.counters && <Counters c={ctx.counters[id]} />}
      {outputs.length > 0 && (
        <div className="jn-outputs">
          {outputs.map((h, i) => (
            <span key={h} className="jn-output-label" style={{ left: `${((i + 1) / (outputs.length + 1)) * 100}%` }}>
              {outputs.length > 1 || h !== 'next' ? handleLabel(tr, h) : ''}
            </span>
          ))}
        </div>
      )}
      {outputs.map((h, i) => (
        <Handle
          key={h}
          id={h}
          type="source"
          position={Position.Bottom}
          style={{ left: `${((i + 1) / (outputs.length + 1)) * 100}%` }}
          className="jn-handle-out"
          data-testid={`handle-${h}`}
        />
      ))}
    </div>
  );
});

/** An edge with the handle's name (yes / no / A…) and, when selected, a button that removes it. */
function JourneyEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, sourceHandleId, selected, markerEnd }: EdgeProps<JEdge>) {
  const tr = useI18n();
  const ctx = useCanvas();
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 8 });
  const invalid = ctx.invalidEdges.has(id);
  const label = sourceHandleId && sourceHandleId !== 'next' ? handleLabel(tr, sourceHandleId) : null;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={invalid ? 'je-invalid' : undefined} style={selected ? { strokeWidth: 2.5 } : undefined} />
      {(label || (selected && !ctx.readOnly)) && (
        <EdgeLabelRenderer>
          <div className="je-label nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }} data-testid="edge-label" data-edge-id={id}>
            {label}
            {selected && !ctx.readOnly && (
              <Button
                size="small"
                type="text"
                danger
                icon={<CloseOutlined />}
                onClick={() => ctx.onDeleteEdge(id)}
                aria-label={tr.t('journey.canvas.deleteEdge')}
                data-testid="edge-delete"
              />
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const nodeTypes = { journey: JourneyNodeView };
const edgeTypes = { journey: JourneyEdgeView };

export interface JourneyFlowProps {
  nodes: JNode[];
  edges: JEdge[];
  readOnly: boolean;
  onNodesChange: (changes: NodeChange<JNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<JEdge>[]) => void;
  onConnect: (c: Connection) => void;
  isValidConnection: IsValidConnection<JEdge>;
  onSelect: (nodeId: string | null) => void;
  onDropNode: (type: NodeType, position: { x: number; y: number }) => void;
}

/** The React Flow pane: nodes, edges, drop target of the palette. Needs a `ReactFlowProvider` around it. */
export function JourneyFlow(p: JourneyFlowProps) {
  const { screenToFlowPosition } = useReactFlow();
  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);
  const { onDropNode } = p;
  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_TYPE) as NodeType;
      if (!type) return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      onDropNode(type, { x: at.x - 100, y: at.y - 30 });
    },
    [screenToFlowPosition, onDropNode],
  );
  return (
    <div className="jc-flow" onDragOver={onDragOver} onDrop={onDrop} data-testid="journey-canvas">
      <ReactFlow<JNode, JEdge>
        nodes={p.nodes}
        edges={p.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={p.onNodesChange}
        onEdgesChange={p.onEdgesChange}
        onConnect={p.onConnect}
        isValidConnection={p.isValidConnection}
        onNodeClick={(_, n) => p.onSelect(n.id)}
        onPaneClick={() => p.onSelect(null)}
        nodesDraggable={!p.readOnly}
        nodesConnectable={!p.readOnly}
        deleteKeyCode={p.readOnly ? null : ['Delete', 'Backspace']}
        defaultEdgeOptions={{ type: 'journey' }}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable style={{ width: 120, height: 80 }} nodeColor={(n) => NODE_KINDS[(n as JNode).data.type]?.color ?? '#999'} />
      </ReactFlow>
    </div>
  );
}
