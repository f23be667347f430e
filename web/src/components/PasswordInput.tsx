import { useState } from 'react';
import { Button, Input, Space, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';
import { generatePassword } from '../lib/password';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  'data-testid'?: string;
  autoComplete?: string;
}

/** A password field (for antd Form.Item) with a "generate" button that fills and reveals a random password. */
export function PasswordInput({ id, value, onChange, autoComplete = 'new-password', ...rest }: Props) {
  const { t } = useI18n();
  const [visible, setVisible] = useState(false);
  const [generated, setGenerated] = useState<string | null>(null);

  const generate = () => {
    const pw = generatePassword(16);
    setGenerated(pw);
    setVisible(true);
    onChange?.(pw);
  };

  return (
    <div>
      <Space.Compact style={{ width: '100%' }}>
        <Input.Password
          id={id}
          value={value}
          onChange={(e) => {
            if (generated !== null && e.target.value !== generated) setGenerated(null);
            onChange?.(e.target.value);
          }}
          visibilityToggle={{ visible, onVisibleChange: setVisible }}
          autoComplete={autoComplete}
          data-testid={rest['data-testid']}
        />
        <Button icon={<ThunderboltOutlined />} onClick={generate} data-testid="password-generate">
          {t('users.form.generate')}
        </Button>
      </Space.Compact>
      {generated !== null && generated === value && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('users.form.generated')}{' '}
          <Typography.Text code copyable={{ text: generated, tooltips: [t('common.copy'), t('common.copied')] }}>
            {generated}
          </Typography.Text>
        </Typography.Paragraph>
      )}
    </div>
  );
}
