import { Tag } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  MinusCircleOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { JobStatus } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { jobStatusLabel } from '../i18n/labels';

const STYLE: Record<JobStatus, { color: string; icon: ReactNode }> = {
  QUEUED: { color: 'default', icon: <ClockCircleOutlined /> },
  RUNNING: { color: 'processing', icon: <SyncOutlined spin /> },
  SUCCEEDED: { color: 'success', icon: <CheckCircleOutlined /> },
  FAILED: { color: 'error', icon: <CloseCircleOutlined /> },
  CANCELLED: { color: 'warning', icon: <MinusCircleOutlined /> },
};

export const JOB_STATUS_COLORS: Record<JobStatus, string> = {
  QUEUED: '#8c8c8c',
  RUNNING: '#2f54eb',
  SUCCEEDED: '#52c41a',
  FAILED: '#ff4d4f',
  CANCELLED: '#faad14',
};

export function JobStatusTag({ status }: { status: JobStatus }) {
  const tr = useI18n();
  const s = STYLE[status] ?? STYLE.QUEUED;
  return (
    <Tag color={s.color} icon={s.icon}>
      {jobStatusLabel(tr, status)}
    </Tag>
  );
}
