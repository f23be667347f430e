import { Card, Tooltip, Typography } from 'antd';
import { NODE_TYPES, type NodeType } from '../../api/journeys';
import { useI18n } from '../../i18n/I18nProvider';
import { DRAG_TYPE } from './JourneyCanvas';
import { NODE_KINDS, nodeTypeLabel } from './nodeKinds';

/** The node types to drag onto the canvas (or click: added below the selected node and connected to it). */
export function NodePalette({ hasEntry, onAdd }: { hasEntry: boolean; onAdd: (type: NodeType) => void }) {
  const tr = useI18n();
  const { t } = tr;
  const group = (g: 'flow' | 'action') =>
    NODE_TYPES.filter((type) => NODE_KINDS[type].group === g).map((type) => {
      const disabled = type === 'entry' && hasEntry;
      return (
        <Tooltip key={type} title={disabled ? t('journey.palette.oneEntry') : t(`journey.nodeHelp.${type}`)} placement="right">
          <button
            type="button"
            className="jc-palette-item"
            draggable={!disabled}
            disabled={disabled}
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_TYPE, type);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onClick={() => onAdd(type)}
            data-testid={`palette-${type}`}
          >
            <span style={{ color: NODE_KINDS[type].color }}>{NODE_KINDS[type].icon}</span>
            {nodeTypeLabel(tr, type)}
          </button>
        </Tooltip>
      );
    });
  return (
    <Card size="small" className="jc-palette" title={t('journey.palette.title')} data-testid="node-palette">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('journey.palette.flow')}
      </Typography.Text>
      {group('flow')}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('journey.palette.actions')}
      </Typography.Text>
      {group('action')}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        {t('journey.palette.help')}
      </Typography.Paragraph>
    </Card>
  );
}
