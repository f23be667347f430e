import { useMemo, useState } from 'react';
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Radio, Select, Switch, type FormInstance, type FormRule } from 'antd';
import { ApiError, mapFieldErrors } from '../../api/api';
import { BADGE_RULES, TASK_ACTIONS, TASK_PERIODS, loyaltyApi, type Badge, type LoyaltyTask } from '../../api/loyalty';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/core';
import {
  BADGE_FIELDS,
  NEW_BADGE_VALUES,
  NEW_TASK_VALUES,
  TASK_FIELDS,
  TASK_LIMIT_MAX,
  TASK_NAME_MAX,
  badgeProblems,
  badgeToForm,
  taskProblemText,
  taskProblems,
  taskToForm,
  toBadgeInput,
  toTaskInput,
  type BadgeField,
  type BadgeFormValues,
  type TaskField,
  type TaskFormValues,
} from '../../lib/loyaltyTasks';

/** The server's field errors on their fields; the rest (and a non-validation error) as a message. */
function useServerErrors() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  return <F extends string>(err: unknown, form: FormInstance, known: readonly F[]) => {
    if (err instanceof ApiError && err.fieldErrors.length > 0) {
      const { fields, unmapped } = mapFieldErrors(err.fieldErrors, known);
      form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
      const extra = unmapped.map((u) => `${u.field}: ${u.message}`).join('; ');
      message.error(extra ? `${t('error.validation')} ${extra}` : t('error.validation'));
    } else {
      showError(err);
    }
  };
}

export const periodLabel = (t: (k: MessageKey) => string, p: string) => t(`loyalty.tasks.period.${p}` as MessageKey);
export const actionLabel = (t: (k: MessageKey) => string, a: string) => t(`loyalty.tasks.action.${a}` as MessageKey);
export const ruleLabel = (t: (k: MessageKey) => string, r: string) => t(`loyalty.badges.rule.${r}` as MessageKey);

interface TaskProps {
  /** The task to edit; null to create one. */
  task: LoyaltyTask | null;
  onClose: () => void;
  onSaved: (task: LoyaltyTask) => void;
}

/** Creates a task or edits one (by its code, which is then fixed). */
export function TaskFormDrawer({ task, onClose, onSaved }: TaskProps) {
  const tr = useI18n();
  const { t } = tr;
  const { message } = App.useApp();
  const serverErrors = useServerErrors();
  const [form] = Form.useForm<TaskFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const initialValues = useMemo(() => (task ? taskToForm(task) : NEW_TASK_VALUES), [task]);
  const action = Form.useWatch('action', form) ?? initialValues.action;

  const rule = (field: TaskField): FormRule => ({ getFieldsValue }) => ({
    validator() {
      const p = taskProblems({ ...initialValues, ...(getFieldsValue(true) as TaskFormValues) })[field];
      return p ? Promise.reject(new Error(taskProblemText(tr, p))) : Promise.resolve();
    },
  });

  const onFinish = async (v: TaskFormValues) => {
    setSubmitting(true);
    try {
      const saved = await loyaltyApi.saveTask(toTaskInput({ ...initialValues, ...v }));
      message.success(t('loyalty.tasks.saved', { name: saved.name }));
      onSaved(saved);
    } catch (err) {
      serverErrors(err, form, TASK_FIELDS);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      title={task ? t('loyalty.tasks.editTitle', { name: task.name }) : t('loyalty.tasks.createTitle')}
      width={520}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} data-testid="task-form-submit">
            {task ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      <Form<TaskFormValues> form={form} layout="vertical" onFinish={onFinish} disabled={submitting} initialValues={initialValues} data-testid="task-form">
        <Form.Item name="code" label={t('loyalty.tasks.code')} extra={t('loyalty.tasks.codeHelp')} rules={[rule('code')]}>
          <Input className="ll-mono" autoComplete="off" disabled={task !== null} data-testid="task-form-code" />
        </Form.Item>
        <Form.Item name="name" label={t('loyalty.tasks.name')} rules={[rule('name')]}>
          <Input maxLength={TASK_NAME_MAX} autoComplete="off" data-testid="task-form-name" />
        </Form.Item>
        <Form.Item name="description" label={t('loyalty.tasks.description')}>
          <Input.TextArea rows={2} data-testid="task-form-description" />
        </Form.Item>
        <Form.Item name="action" label={t('loyalty.tasks.action')} rules={[rule('action')]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="task-form-action"
            onChange={() => void form.validateFields(['eventName']).catch(() => undefined)}
          >
            {TASK_ACTIONS.map((a) => (
              <Radio.Button key={a} value={a}>
                <span data-testid={`task-form-action-${a}`}>{actionLabel(t, a)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {action === 'custom_event' && (
          <Form.Item name="eventName" label={t('loyalty.tasks.eventName')} extra={t('loyalty.tasks.eventNameHelp')} rules={[rule('eventName')]}>
            <Input className="ll-mono" autoComplete="off" data-testid="task-form-eventName" />
          </Form.Item>
        )}
        <Form.Item name="period" label={t('loyalty.tasks.period')} rules={[rule('period')]}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="task-form-period">
            {TASK_PERIODS.map((p) => (
              <Radio.Button key={p} value={p}>
                <span data-testid={`task-form-period-${p}`}>{periodLabel(t, p)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="rewardPoints" label={t('loyalty.tasks.reward')} rules={[rule('rewardPoints')]} style={{ flex: 1 }}>
            <InputNumber style={{ width: '100%' }} precision={0} addonAfter={t('loyalty.tasks.pointsUnit')} data-testid="task-form-rewardPoints" />
          </Form.Item>
          <Form.Item name="limitPerPeriod" label={t('loyalty.tasks.limit')} extra={t('loyalty.tasks.limitHelp', { max: TASK_LIMIT_MAX })} rules={[rule('limitPerPeriod')]} style={{ flex: 1 }}>
            <InputNumber style={{ width: '100%' }} precision={0} data-testid="task-form-limitPerPeriod" />
          </Form.Item>
        </Flex>
        <Form.Item name="active" label={t('loyalty.tasks.active')} valuePropName="checked">
          <Switch data-testid="task-form-active" />
        </Form.Item>
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Drawer>
  );
}

interface BadgeProps {
  badge: Badge | null;
  onClose: () => void;
  onSaved: (badge: Badge) => void;
}

/** Creates a badge or edits one (by its code, which is then fixed). */
export function BadgeFormDrawer({ badge, onClose, onSaved }: BadgeProps) {
  const tr = useI18n();
  const { t } = tr;
  const { message } = App.useApp();
  const serverErrors = useServerErrors();
  const [form] = Form.useForm<BadgeFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const initialValues = useMemo(() => (badge ? badgeToForm(badge) : NEW_BADGE_VALUES), [badge]);

  const rule = (field: BadgeField): FormRule => ({ getFieldsValue }) => ({
    validator() {
      const p = badgeProblems({ ...initialValues, ...(getFieldsValue(true) as BadgeFormValues) })[field];
      return p ? Promise.reject(new Error(taskProblemText(tr, p))) : Promise.resolve();
    },
  });

  const onFinish = async (v: BadgeFormValues) => {
    setSubmitting(true);
    try {
      const saved = await loyaltyApi.saveBadge(toBadgeInput({ ...initialValues, ...v }));
      message.success(t('loyalty.badges.saved', { name: saved.name }));
      onSaved(saved);
    } catch (err) {
      serverErrors(err, form, BADGE_FIELDS);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      title={badge ? t('loyalty.badges.editTitle', { name: badge.name }) : t('loyalty.badges.createTitle')}
      width={480}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} data-testid="badge-form-submit">
            {badge ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      <Form<BadgeFormValues> form={form} layout="vertical" onFinish={onFinish} disabled={submitting} initialValues={initialValues} data-testid="badge-form">
        <Form.Item name="code" label={t('loyalty.tasks.code')} extra={t('loyalty.tasks.codeHelp')} rules={[rule('code')]}>
          <Input className="ll-mono" autoComplete="off" disabled={badge !== null} data-testid="badge-form-code" />
        </Form.Item>
        <Form.Item name="name" label={t('loyalty.tasks.name')} rules={[rule('name')]}>
          <Input maxLength={TASK_NAME_MAX} autoComplete="off" data-testid="badge-form-name" />
        </Form.Item>
        <Form.Item name="description" label={t('loyalty.tasks.description')}>
          <Input.TextArea rows={2} data-testid="badge-form-description" />
        </Form.Item>
        <Form.Item name="rule" label={t('loyalty.badges.rule')} rules={[rule('rule')]}>
          <Select options={BADGE_RULES.map((r) => ({ value: r, label: ruleLabel(t, r) }))} data-testid="badge-form-rule" />
        </Form.Item>
        <Form.Item name="threshold" label={t('loyalty.badges.threshold')} extra={t('loyalty.badges.thresholdHelp')} rules={[rule('threshold')]}>
          <InputNumber style={{ width: 200 }} precision={0} data-testid="badge-form-threshold" />
        </Form.Item>
        <Form.Item name="active" label={t('loyalty.tasks.active')} valuePropName="checked">
          <Switch data-testid="badge-form-active" />
        </Form.Item>
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Drawer>
  );
}
