import { Tag } from 'antd';
import type { EnrolmentState, JourneyStatus, TaskStatus } from '../../api/journeys';
import { useI18n } from '../../i18n/I18nProvider';

const STATUS_COLORS: Record<JourneyStatus, string> = { draft: 'default', active: 'green', paused: 'orange', stopped: 'red' };
const STATE_COLORS: Record<EnrolmentState, string> = { active: 'blue', completed: 'default', exited: 'orange', converted: 'green' };
const TASK_COLORS: Record<TaskStatus, string> = { open: 'blue', done: 'green' };

export function JourneyStatusTag({ status }: { status: JourneyStatus }) {
  const { tOr } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="journey-status" data-status={status}>
      {tOr(`journey.status.${status}`, status)}
    </Tag>
  );
}

export function EnrolmentStateTag({ state }: { state: EnrolmentState }) {
  const { tOr } = useI18n();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-testid="enrolment-state" data-state={state}>
      {tOr(`journey.state.${state}`, state)}
    </Tag>
  );
}

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { tOr } = useI18n();
  return (
    <Tag color={TASK_COLORS[status] ?? 'default'} data-testid="task-status" data-status={status}>
      {tOr(`journeyTask.status.${status}`, status)}
    </Tag>
  );
}
