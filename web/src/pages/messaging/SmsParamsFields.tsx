import { Button, Flex, Form, Input, Typography, type FormRule } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/I18nProvider';
import { SMS_PARAMS_MAX } from '../../lib/messaging';

/** The parameters of a provider SMS template in order (`smsParams`: name and Mustache value), as a form list. */
export function SmsParamsFields({ rule }: { rule: (field: string) => FormRule }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Text strong>{t('msg.template.smsParams')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('msg.template.smsParamsHelp')}
      </Typography.Paragraph>
      <Form.List name="smsParams">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Flex key={f.key} gap={8} align="flex-start">
                <Form.Item name={[f.name, 'name']} rules={[rule(`smsParams[${f.name}].name`)]} style={{ width: 180 }}>
                  <Input placeholder="code" />
                </Form.Item>
                <Form.Item name={[f.name, 'value']} rules={[rule(`smsParams[${f.name}].value`)]} style={{ flex: 1 }}>
                  <Input placeholder="{{coupon.code}}" className="ll-mono" />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('msg.template.removeParam')} />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={fields.length >= SMS_PARAMS_MAX}
              onClick={() => add({ name: '', value: '' })}
              style={{ marginBottom: 16 }}
              data-testid="sms-params-add"
            >
              {t('msg.template.addParam')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
