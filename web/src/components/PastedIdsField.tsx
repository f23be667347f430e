import type { ReactNode } from 'react';
import { Flex, Input, Typography } from 'antd';
import { ISSUE_MAX } from '../api/coupons';
import { useI18n } from '../i18n/I18nProvider';
import { pastedProblem, type PastedIds } from '../lib/coupons';
import { formatNumber } from '../lib/format';

/**
 * Customer ids pasted one per line or separated by commas (at most 1,000), with the count, the duplicates left out and
 * the lines that are no customer id; `action` (the submit button) sits on the right of the summary.
 */
export function PastedIdsField({
  text,
  onChange,
  pasted,
  action,
  testId,
}: {
  text: string;
  onChange: (text: string) => void;
  pasted: PastedIds;
  action: ReactNode;
  /** On the text area; the summary gets `<testId>-summary`, the bad lines `<testId>-invalid`. */
  testId: string;
}) {
  const { t, lang } = useI18n();
  const problem = pastedProblem(pasted);
  const touched = text.trim().length > 0;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('coupon.issue.idsHint', { max: formatNumber(ISSUE_MAX, lang) })}</Typography.Paragraph>
      <Input.TextArea
        rows={6}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        placeholder={t('coupon.issue.idsPlaceholder')}
        className="ll-mono"
        status={touched && problem && problem !== 'empty' ? 'error' : undefined}
        data-testid={testId}
      />
      <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginTop: 8 }}>
        <div data-testid={`${testId}-summary`}>
          <Typography.Text type="secondary">{t('coupon.issue.idsCount', { count: formatNumber(pasted.ids.length, lang) })}</Typography.Text>
          {pasted.duplicates > 0 && <Typography.Text type="secondary"> · {t('coupon.issue.duplicates', { count: pasted.duplicates })}</Typography.Text>}
          {problem === 'tooMany' && (
            <div>
              <Typography.Text type="danger">{t('coupon.issue.tooMany', { max: formatNumber(ISSUE_MAX, lang) })}</Typography.Text>
            </div>
          )}
          {pasted.invalid.length > 0 && (
            <div data-testid={`${testId}-invalid`}>
              {pasted.invalid.slice(0, 5).map((e) => (
                <div key={`${e.line}:${e.value}`}>
                  <Typography.Text type="danger">{t('coupon.issue.invalidLine', { line: e.line, value: e.value })}</Typography.Text>
                </div>
              ))}
              {pasted.invalid.length > 5 && <Typography.Text type="danger">{t('coupon.issue.invalidMore', { count: pasted.invalid.length - 5 })}</Typography.Text>}
            </div>
          )}
        </div>
        {action}
      </Flex>
    </>
  );
}
