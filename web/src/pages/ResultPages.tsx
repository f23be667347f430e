import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';

export function ForbiddenResult() {
  const { t } = useI18n();
  return (
    <div data-testid="result-403">
    <Result
      status="403"
      title="403"
      subTitle={t('result.403')}
      extra={
        <Link to="/">
          <Button type="primary">{t('result.backHome')}</Button>
        </Link>
      }
    />
    </div>
  );
}

export function NotFoundResult() {
  const { t } = useI18n();
  return (
    <div data-testid="result-404">
    <Result
      status="404"
      title="404"
      subTitle={t('result.404')}
      extra={
        <Link to="/">
          <Button type="primary">{t('result.backHome')}</Button>
        </Link>
      }
    />
    </div>
  );
}
