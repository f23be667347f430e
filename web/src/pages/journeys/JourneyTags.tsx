import { Tag } from 'antd';
import type { EnrolmentState, JourneyStatus, TaskStatus } from '../../api/journeys';
import { useI18n } from '../../i18n/I18nProvider';

const STATUS_COLORS: Record<JourneyStatus, string> = { draft: 'default', active: 'green', paused: 'orange', stopped: 'red' };
const STATE_COLORS: Record<EnrolmentState, string> = { active: 'blue', completed: 'default', exited: 'orange', converted: 'green' };
const TASK_COLORS: Record<TaskStatus, string> = { open: 'blue', done: 'green' };

/** A coloured tag naming a code by `<prefix>.<code>`, with the code in `data-<attr>`. */
function CodeTag({ code, prefix, colors, testId, attr }: { code: string; prefix: string; colors: Record<string, string>; testId: string; attr: string }) {
  const { tOr } = useI18n();
  return (
    <Tag color={colors[code] ?? 'default'} data-testid={testId} {...{ [`data-${attr}`]: code }}>
      {tOr(`${prefix}.${code}`, code)}
    </Tag>
  );
}

export const JourneyStatusTag = ({ status }: { status: JourneyStatus }) => (
  <CodeTag code={status} prefix="journey.status" colors={STATUS_COLORS} testId="journey-status" attr="status" />
);

export const EnrolmentStateTag = ({ state }: { state: EnrolmentState }) => (
  <CodeTag code={state} prefix="journey.state" colors={STATE_COLORS} testId="enrolment-state" attr="state" />
);

export const TaskStatusTag = ({ status }: { status: TaskStatus }) => (
  <CodeTag code={status} prefix="journeyTask.status" colors={TASK_COLORS} testId="task-status" attr="status" />
);
