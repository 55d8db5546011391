import { Alert, Button, Form, Input, Radio, Select, Switch, TreeSelect } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { INTAKE_CHANNELS, PRIORITIES, submitCase, type IntakeChannel, type NewCase, type Priority } from '../../api/cases';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { useAuth } from '../../app/auth';
import { applyServerErrors } from '../../components/formErrors';
import { useMessage } from '../../components/messages';
import { usePageTitle } from '../../components/usePageTitle';
import { isPhoneNumber } from '../households/HouseholdFilters';
import { BuildingSelect } from './BuildingSelect';
import { CategorySuggestions } from './CategorySuggestions';
import { HouseholdSearchSelect } from './HouseholdSearchSelect';
import { useCategories } from './useCategories';
import './workbench.css';

interface IntakeValues {
  description: string;
  categoryId?: number;
  priority?: Priority;
  channel: IntakeChannel;
  locationMode: 'building' | 'household';
  buildingId?: number;
  householdId?: number;
  address?: string;
  reporterName?: string;
  reporterPhone?: string;
  reporterHidden: boolean;
}

const FIELDS = [
  'description',
  'categoryId',
  'priority',
  'channel',
  'buildingId',
  'householdId',
  'address',
  'reporterName',
  'reporterPhone',
  'reporterHidden',
] as const;

/** The server names reporter fields "reporter.phone"; the form calls them reporterPhone. */
function onFormFields(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.fieldIssues.length === 0) return error;
  const details = error.fieldIssues.map((issue) => ({
    ...issue,
    path: issue.path.replace(/reporter[./]phone/, 'reporterPhone').replace(/reporter[./]name/, 'reporterName'),
  }));
  return new ApiError(error.status, error.code, error.message, details);
}

function toNewCase(v: IntakeValues): NewCase {
  const name = v.reporterName?.trim();
  const phone = v.reporterPhone?.trim();
  return {
    channel: v.channel,
    categoryId: v.categoryId ?? 0,
    priority: v.priority,
    description: v.description.trim(),
    ...(v.locationMode === 'household' ? { householdId: v.householdId } : { buildingId: v.buildingId }),
    address: v.address?.trim() || undefined,
    reporter: name || phone ? { name: name || undefined, phone: phone || undefined } : undefined,
    reporterHidden: v.reporterHidden,
  };
}

/** 登记诉求: staff enter a case for a resident who phoned, came in or called the hotline. */
export default function NewCasePage() {
  const { t } = useTranslation();
  usePageTitle(t('intake.title'));
  const { can } = useAuth();
  const message = useMessage();
  const navigate = useNavigate();
  const categories = useCategories();
  const [params] = useSearchParams();
  const [form] = Form.useForm<IntakeValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per case being entered: a retried submission after a lost answer is stored once.
  const idempotencyKey = useRef(newIdempotencyKey());

  const mayUseArchive = can('household.read');
  const initialValues = useMemo<Partial<IntakeValues>>(() => {
    const householdId = Number(params.get('householdId'));
    const fromHousehold = mayUseArchive && Number.isInteger(householdId) && householdId > 0;
    return {
      channel: 'phone',
      locationMode: fromHousehold ? 'household' : 'building',
      householdId: fromHousehold ? householdId : undefined,
      reporterHidden: false,
    };
  }, [params, mayUseArchive]);

  const description = Form.useWatch('description', form) ?? '';
  const categoryId = Form.useWatch('categoryId', form);
  const locationMode = Form.useWatch('locationMode', form) ?? initialValues.locationMode;
  const buildingId = Form.useWatch('buildingId', form);
  const householdId = Form.useWatch('householdId', form);

  const onFinish = async (values: IntakeValues) => {
    setSaving(true);
    setError(null);
    try {
      const created = await submitCase(toNewCase(values), idempotencyKey.current);
      idempotencyKey.current = newIdempotencyKey();
      void message.success(t('intake.submitted', { id: created.publicId }));
      navigate(`/cases/${created.id}`);
    } catch (e) {
      setError(applyServerErrors(form, onFormFields(e), FIELDS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <h1 className="page-title">{t('intake.title')}</h1>
      <p>{t('intake.intro')}</p>
      <div className="wb-grid-2">
        <section className="panel" aria-labelledby="intake-form-heading">
          <h2 className="visually-hidden" id="intake-form-heading">
            {t('intake.title')}
          </h2>
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
          <Form<IntakeValues>
            form={form}
            layout="vertical"
            initialValues={initialValues}
            onFinish={(v) => void onFinish(v)}
          >
            <Form.Item
              name="description"
              label={t('intake.description')}
              rules={[{ required: true, whitespace: true, message: t('intake.descriptionRequired') }]}
            >
              <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('intake.descriptionPlaceholder')} />
            </Form.Item>
            <Form.Item
              name="categoryId"
              label={t('intake.category')}
              rules={[{ required: true, message: t('intake.categoryRequired') }]}
            >
              <TreeSelect<number>
                treeData={categories.tree}
                placeholder={t('intake.categoryPlaceholder')}
                showSearch={{ treeNodeFilterProp: 'title' }}
                allowClear
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item name="priority" label={`${t('intake.priority')}${t('wb.optional')}`}>
              <Select
                allowClear
                placeholder={t('intake.priorityDefault')}
                options={PRIORITIES.map((p) => ({ value: p, label: t(`caseEnums.priority.${p}`) }))}
              />
            </Form.Item>
            <Form.Item name="channel" label={t('intake.channel')} rules={[{ required: true }]}>
              <Radio.Group options={INTAKE_CHANNELS.map((c) => ({ value: c, label: t(`caseEnums.channel.${c}`) }))} />
            </Form.Item>
            {mayUseArchive && (
              <Form.Item name="locationMode" label={t('intake.location')}>
                <Radio.Group
                  options={[
                    { value: 'building', label: t('intake.byBuilding') },
                    { value: 'household', label: t('intake.byHousehold') },
                  ]}
                />
              </Form.Item>
            )}
            {locationMode === 'household' ? (
              <Form.Item
                name="householdId"
                label={t('intake.household')}
                rules={[{ required: true, message: t('intake.householdRequired') }]}
              >
                <HouseholdSearchSelect placeholder={t('intake.householdPlaceholder')} />
              </Form.Item>
            ) : (
              <Form.Item
                name="buildingId"
                label={t('intake.building')}
                rules={[{ required: true, message: t('intake.buildingRequired') }]}
              >
                <BuildingSelect placeholder={t('intake.buildingPlaceholder')} />
              </Form.Item>
            )}
            <Form.Item name="address" label={`${t('intake.address')}${t('wb.optional')}`}>
              <Input maxLength={300} placeholder={t('intake.addressPlaceholder')} />
            </Form.Item>
            <Form.Item name="reporterName" label={`${t('intake.reporterName')}${t('wb.optional')}`}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="reporterPhone"
              label={`${t('intake.reporterPhone')}${t('wb.optional')}`}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    if (value?.trim() && !isPhoneNumber(value)) throw new Error(t('households.phoneInvalid'));
                  },
                },
              ]}
            >
              <Input inputMode="tel" autoComplete="off" maxLength={20} />
            </Form.Item>
            <Form.Item name="reporterHidden" label={t('intake.reporterHidden')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('intake.submit')}
            </Button>
          </Form>
        </section>

        <section className="panel" aria-labelledby="intake-suggestions-heading">
          <h2 className="section-title" id="intake-suggestions-heading">
            {t('intake.suggestions')}
          </h2>
          <CategorySuggestions
            text={description}
            buildingId={locationMode === 'building' ? buildingId : undefined}
            householdId={locationMode === 'household' ? householdId : undefined}
            chosenId={categoryId}
            onChoose={(id) => form.setFields([{ name: 'categoryId', value: id, errors: [] }])}
          />
        </section>
      </div>
    </>
  );
}
