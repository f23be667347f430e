import { Steps } from 'antd';
import type { ImportStatus } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

/** Where an import is in the flow: upload → review → import → report (`imports-steps`). */
export function ImportSteps({ status }: { status: ImportStatus | null }) {
  const { t } = useI18n();
  const current = status === null ? 0 : status === 'UPLOADED' ? 1 : status === 'QUEUED' || status === 'RUNNING' ? 2 : 3;
  const failed = status === 'FAILED' || status === 'CANCELLED';
  return (
    <Steps
      size="small"
      current={current}
      status={failed ? 'error' : status === 'SUCCEEDED' ? 'finish' : 'process'}
      style={{ marginBottom: 16 }}
      data-testid="imports-steps"
      items={[
        { title: t('imports.step.upload') },
        { title: t('imports.step.review') },
        { title: t('imports.step.import') },
        { title: t('imports.step.report') },
      ]}
    />
  );
}
