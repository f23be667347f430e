import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { BrandMark } from './BrandMark';
import { LangSwitch } from './LangSwitch';

/** The centred card used by the sign-in and change-password pages. */
export function AuthShell({ title, children }: { title: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(135deg, #f0f5ff 0%, #f9f0ff 100%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LangSwitch />
      </div>
      <Flex vertical align="center" gap={8} style={{ marginBottom: 24 }}>
        <BrandMark size={44} />
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </Flex>
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: 32 } }}>
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 24 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {children}
      </Card>
    </Flex>
  );
}
