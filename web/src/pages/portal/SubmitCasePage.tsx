import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { submitCase, type PortalCase } from '../../api/portal';
import { LinkButton } from '../../components/LinkButton';
import { applyServerErrors } from '../../components/formErrors';
import { CategoryField, useCategories } from './CategoryField';
import { PhotoField } from './PhotoField';
import { PortalPage } from './PortalPage';
import { SubmitDone } from './SubmitDone';
import { SuggestionChips } from './SuggestionChips';
import { usePhotos } from './usePhotos';
import { usePortalT } from './usePortalT';
import { useResidentPlace } from './useResidentPlace';

type Place = 'home' | 'building';

interface Values {
  description: string;
  categoryId?: number;
  place: Place;
  buildingId?: number;
}

const FIELDS = ['description', 'categoryId', 'buildingId'] as const;

/**
 * 我要反映: describe the problem (with category suggestions as one types), pick the category,
 * add photos, say where. One Idempotency-Key per form: a double tap or a retry after a lost
 * answer raises one case. A failure keeps everything entered.
 */
export default function SubmitCasePage() {
  const { t } = usePortalT();
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const place = useResidentPlace();
  const photos = usePhotos();
  const key = useRef(newIdempotencyKey());
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<{ message: string; keyReused: boolean } | null>(null);
  const [created, setCreated] = useState<PortalCase | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  const description = Form.useWatch('description', form) ?? '';
  const categoryId = Form.useWatch('categoryId', form);
  const where = Form.useWatch('place', form) ?? 'home';

  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  // The building list arrives after the form: preselect the resident's own building.
  useEffect(() => {
    if (place.home && form.getFieldValue('buildingId') === undefined) form.setFieldValue('buildingId', place.home.id);
  }, [place.home, form]);

  const send = async (values: Values) => {
    setSubmitting(true);
    setFailure(null);
    try {
      const result = await submitCase(
        {
          categoryId: values.categoryId!,
          description: values.description.trim(),
          ...(values.place === 'building' && values.buildingId ? { buildingId: values.buildingId } : {}),
        },
        key.current,
      );
      setCreated(result);
      void photos.upload(result.id);
    } catch (error) {
      const keyReused = error instanceof ApiError && error.code === 'IDEMPOTENCY_MISMATCH';
      const message = keyReused ? t('submit.keyMismatch') : applyServerErrors(form, error, FIELDS);
      if (message) setFailure({ message, keyReused });
    } finally {
      setSubmitting(false);
    }
  };

  /** After IDEMPOTENCY_MISMATCH the resident chose to send the changed text as a new case. */
  const sendChanged = () => {
    key.current = newIdempotencyKey();
    form.submit();
  };

  const startAnother = () => {
    key.current = newIdempotencyKey();
    form.resetFields();
    if (place.home) form.setFieldValue('buildingId', place.home.id);
    photos.clear();
    setCreated(null);
  };

  const title = t('submit.title');
  if (created) {
    return (
      <PortalPage title={title} back={{ to: '/portal', label: t('nav.backHome') }}>
        <SubmitDone
          created={created}
          photos={photos.photos}
          onRetryUploads={() => void photos.upload(created.id)}
          onAnother={startAnother}
        />
      </PortalPage>
    );
  }

  const homeLabel = place.home ? t('submit.locationHomeNamed', { building: place.home.label }) : t('submit.locationHome');

  return (
    <PortalPage title={title} back={{ to: '/portal', label: t('nav.backHome') }} intro={t('submit.intro')}>
      {failure && (
        <div ref={failureRef} tabIndex={-1} style={{ marginBottom: 16 }}>
          <Alert
            type={failure.keyReused ? 'warning' : 'error'}
            showIcon
            title={failure.message}
            description={
              failure.keyReused ? (
                <div className="portal-actions">
                  <LinkButton to="/portal/cases" type="primary" block>
                    {t('submit.viewMyCases')}
                  </LinkButton>
                  <Button block onClick={sendChanged}>
                    {t('submit.submitChanged')}
                  </Button>
                </div>
              ) : undefined
            }
          />
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        className="portal-form portal-section"
        initialValues={{ description: '', place: 'home' }}
        onFinish={(values) => void send(values)}
        scrollToFirstError={{ focus: true, block: 'center' }}
      >
        <Form.Item
          name="description"
          label={t('submit.description')}
          extra={t('submit.descriptionHint')}
          rules={[{ required: true, whitespace: true, message: t('submit.descriptionRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} autoSize={{ minRows: 4, maxRows: 10 }} />
        </Form.Item>

        <SuggestionChips
          text={description}
          selected={categoryId}
          onPick={(id) => form.setFields([{ name: 'categoryId', value: id, errors: [] }])}
        />

        <Form.Item name="categoryId" label={t('submit.category')} rules={[{ required: true, message: t('submit.categoryRequired') }]}>
          <CategoryField categories={categories} />
        </Form.Item>

        <PhotoField photos={photos.photos} onAdd={photos.add} onRemove={photos.remove} />

        <fieldset className="portal-fieldset">
          <legend className="portal-legend">{t('submit.location')}</legend>
          <Form.Item name="place" noStyle>
            <Radio.Group className="portal-choices" vertical>
              <Radio value="home">{homeLabel}</Radio>
              {place.buildings.length > 0 && <Radio value="building">{t('submit.locationBuilding')}</Radio>}
            </Radio.Group>
          </Form.Item>
          {where === 'building' && (
            <Form.Item
              name="buildingId"
              label={t('submit.building')}
              rules={[{ required: true, message: t('submit.buildingRequired') }]}
              style={{ marginTop: 12, marginBottom: 0 }}
            >
              <Select
                options={place.buildings.map((b) => ({ value: b.id, label: b.label }))}
                placeholder={t('submit.buildingPlaceholder')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          )}
        </fieldset>

        <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
          {submitting ? t('submit.submitting') : t('submit.submit')}
        </Button>
      </Form>
    </PortalPage>
  );
}
