import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Progress, Row, Select, Spin, Typography } from 'antd';
import { CloudUploadOutlined, StopOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/api';
import { importsApi } from '../../api/services';
import type { ImportView } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { PlatformTag } from '../../components/PlatformTag';
import { useFormErrorHandler } from '../../hooks/useApiError';
import { useFormRules } from '../../hooks/useFormRules';
import { useImportProfiles } from '../../hooks/useImportProfiles';
import { useShops } from '../../hooks/useShops';
import { useI18n } from '../../i18n/I18nProvider';
import { importProfileLabel } from '../../i18n/labels';
import { ACCEPTED_EXTENSIONS, formatBytes, isAcceptedFileName, uploadPercent } from '../../lib/imports';
import { FilePicker } from './FilePicker';
import { ImportSteps } from './ImportSteps';

interface UploadValues {
  shopId?: string;
  file?: File | null;
  profile?: string;
}

const FIELDS = ['shopId', 'file', 'profile'] as const;

interface Progress {
  loaded: number;
  total: number;
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** Step 1: the shop, the export file and (optionally) its profile; uploads without starting the import. */
export function UploadCard({ onUploaded }: { onUploaded: (view: ImportView) => void }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const { message } = App.useApp();
  const { can } = useAuth();
  const rules = useFormRules();
  const handleFormError = useFormErrorHandler();
  const { shops, loading: shopsLoading } = useShops();
  const { profiles, loading: profilesLoading } = useImportProfiles();
  const [form] = Form.useForm<UploadValues>();
  const [progress, setProgress] = useState<Progress | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const uploading = progress !== null;

  // leaving the page stops an upload in flight
  useEffect(() => () => abortRef.current?.abort(), []);

  const activeShops = useMemo(() => shops.filter((s) => !s.archived), [shops]);

  const onFinish = async (v: UploadValues) => {
    if (!v.file || !v.shopId) return;
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress({ loaded: 0, total: v.file.size });
    try {
      const view = await importsApi.upload(
        { file: v.file, shopId: v.shopId, profile: v.profile || undefined },
        { signal: controller.signal, onProgress: (loaded, total) => setProgress({ loaded, total: total || v.file!.size }) },
      );
      message.success(t('imports.upload.done', { name: view.fileName }));
      onUploaded(view);
    } catch (err) {
      if (isAbort(err)) {
        message.info(t('imports.upload.aborted'));
      } else if (err instanceof ApiError && err.status === 413) {
        form.setFields([{ name: 'file', errors: [t('imports.upload.tooLarge')] }]);
      } else if (err instanceof ApiError && !v.profile && err.fieldErrors.some((e) => e.field === 'profile')) {
        // nothing recognised the header: the merchant has to say which export this is
        form.setFields([{ name: 'profile', errors: [t('imports.upload.noProfileMatch')] }]);
      } else {
        handleFormError(form, err, FIELDS);
      }
    } finally {
      abortRef.current = null;
      setProgress(null);
    }
  };

  const sentAll = progress !== null && progress.total > 0 && progress.loaded >= progress.total;

  if (shopsLoading) {
    // the form starts once the shops are known, so that a single shop can be its initial value
    return (
      <Card style={{ marginBottom: 16 }} data-testid="imports-upload-card">
        <ImportSteps status={null} />
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      </Card>
    );
  }

  return (
    <Card style={{ marginBottom: 16 }} data-testid="imports-upload-card">
      <ImportSteps status={null} />
      <Form<UploadValues>
        form={form}
        layout="vertical"
        initialValues={{ shopId: activeShops.length === 1 ? activeShops[0].id : undefined }}
        onFinish={onFinish}
        disabled={uploading}
        requiredMark
        onValuesChange={(changed: Partial<UploadValues>) => {
          // the server's verdict on the profile was about the previous file or shop
          if ('file' in changed || 'shopId' in changed) form.setFields([{ name: 'profile', errors: [] }]);
        }}
      >
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            <Form.Item
              name="file"
              label={t('imports.upload.file')}
              rules={[
                { required: true, message: t('imports.upload.fileRequired') },
                {
                  validator: (_, file: File | null | undefined) =>
                    !file || isAcceptedFileName(file.name)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('imports.upload.fileType', { types: ACCEPTED_EXTENSIONS.join(' ') }))),
                },
              ]}
              extra={
                <span>
                  {t('imports.upload.fileHelp')}{' '}
                  <a href={importsApi.templateUrl()} download data-testid="imports-template">
                    {t('imports.upload.template')}
                  </a>
                </span>
              }
            >
              <FilePicker disabled={uploading} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={10}>
            <Form.Item
              name="shopId"
              label={t('imports.upload.shop')}
              rules={[rules.required]}
              extra={
                activeShops.length === 0 ? (
                  <span data-testid="imports-no-shops">
                    {t('imports.upload.noShops')}{' '}
                    {can('shop.manage') && <Link to="/shops">{t('imports.upload.createShop')}</Link>}
                  </span>
                ) : (
                  t('imports.upload.shopHelp')
                )
              }
            >
              <Select
                showSearch
                optionFilterProp="search"
                placeholder={t('imports.upload.shopPlaceholder')}
                data-testid="imports-shop"
                options={shops.map((s) => ({
                  value: s.id,
                  search: s.name,
                  disabled: s.archived,
                  label: (
                    <Flex gap={4} align="center">
                      <PlatformTag platform={s.platform} />
                      <span>{s.name}</span>
                      <Typography.Text type="secondary">
                        {s.archived ? `(${t('shops.status.archived')})` : `· ${s.timezone} · ${s.currency}`}
                      </Typography.Text>
                    </Flex>
                  ),
                }))}
              />
            </Form.Item>
            <Form.Item name="profile" label={t('imports.upload.profile')} extra={t('imports.upload.profileHelp')}>
              <Select
                allowClear
                loading={profilesLoading}
                placeholder={t('imports.upload.autoDetect')}
                data-testid="imports-profile"
                options={profiles.map((p) => ({ value: p.id, label: importProfileLabel(tr, p.id, p.name) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {progress && (
          <div style={{ marginBottom: 16 }} data-testid="imports-upload-progress">
            <Progress percent={uploadPercent(progress.loaded, progress.total)} status="active" />
            <Typography.Text type="secondary">
              {sentAll
                ? t('imports.upload.processing')
                : t('imports.upload.sent', {
                    sent: formatBytes(progress.loaded, lang),
                    total: formatBytes(progress.total, lang),
                  })}
            </Typography.Text>
          </div>
        )}
        <Flex gap={8} justify="flex-end">
          {uploading && (
            <Button
              icon={<StopOutlined />}
              disabled={false}
              onClick={() => abortRef.current?.abort()}
              data-testid="imports-upload-abort"
            >
              {t('imports.upload.abort')}
            </Button>
          )}
          <Button
            type="primary"
            htmlType="submit"
            icon={<CloudUploadOutlined />}
            loading={uploading}
            data-testid="imports-upload-submit"
          >
            {t('imports.upload.submit')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
