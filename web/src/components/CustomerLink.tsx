import { Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';
import { shortId } from '../lib/customer';

/** A link to a customer's 360° page, labelled with the name when known, else the short id (full id on hover). */
export function CustomerLink({ id, name, self = false }: { id: string; name?: string | null; self?: boolean }) {
  const { t } = useI18n();
  const label = name?.trim() || shortId(id);
  return (
    <span className="ll-nowrap">
      <Tooltip title={id}>
        <Link to={`/customers/${encodeURIComponent(id)}`} data-testid="customer-link">
          {label}
        </Link>
      </Tooltip>
      {self && (
        <Typography.Text type="secondary" style={{ marginLeft: 4 }}>
          ({t('merge.thisCustomer')})
        </Typography.Text>
      )}
    </span>
  );
}
