import { Tag } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  FileSearchOutlined,
  MinusCircleOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { ImportStatus } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { importStatusLabel } from '../i18n/labels';

const STYLE: Record<ImportStatus, { color: string; icon: ReactNode }> = {
  UPLOADED: { color: 'purple', icon: <FileSearchOutlined /> },
  QUEUED: { color: 'default', icon: <ClockCircleOutlined /> },
  RUNNING: { color: 'processing', icon: <SyncOutlined spin /> },
  SUCCEEDED: { color: 'success', icon: <CheckCircleOutlined /> },
  FAILED: { color: 'error', icon: <CloseCircleOutlined /> },
  CANCELLED: { color: 'warning', icon: <MinusCircleOutlined /> },
};

/** An import's status as a coloured, localized tag (`import-status`). */
export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const tr = useI18n();
  const s = STYLE[status] ?? STYLE.QUEUED;
  return (
    <Tag color={s.color} icon={s.icon} data-testid="import-status" data-status={status}>
      {importStatusLabel(tr, status)}
    </Tag>
  );
}
