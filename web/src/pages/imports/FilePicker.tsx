import { Button, Flex, Typography, Upload } from 'antd';
import { DeleteOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/I18nProvider';
import { formatBytes } from '../../lib/imports';

/**
 * A drag-and-drop file field for antd Form (`value`/`onChange` of one File). Nothing is uploaded here: the
 * form sends the file when it is submitted. No `accept` filter: rc-upload would drop other files silently,
 * whereas the form's rule says why such a file cannot be imported.
 */
export function FilePicker({
  value,
  onChange,
  disabled,
}: {
  value?: File | null;
  onChange?: (file: File | null) => void;
  disabled?: boolean;
}) {
  const { t, lang } = useI18n();
  return (
    <div>
      <div data-testid="imports-upload">
        <Upload.Dragger
          multiple={false}
          showUploadList={false}
          disabled={disabled}
          beforeUpload={(file) => {
            onChange?.(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('imports.upload.drop')}</p>
          <p className="ant-upload-hint">{t('imports.upload.dropHint')}</p>
        </Upload.Dragger>
      </div>
      {value && (
        <Flex align="center" gap={8} style={{ marginTop: 8 }} data-testid="imports-file">
          <FileTextOutlined />
          <Typography.Text strong ellipsis style={{ maxWidth: 420 }}>
            {value.name}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="imports-file-size">
            {formatBytes(value.size, lang)}
          </Typography.Text>
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            disabled={disabled}
            onClick={() => onChange?.(null)}
            aria-label={t('imports.upload.removeFile')}
            data-testid="imports-file-remove"
          />
        </Flex>
      )}
    </div>
  );
}
