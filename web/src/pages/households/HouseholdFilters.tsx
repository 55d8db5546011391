import { Button, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { applyServerErrors } from '../../components/formErrors';
import { OrgNodeSelect } from '../../components/OrgNodeSelect';
import type { TagCatalogue } from '../../components/useTags';

export interface HouseholdFilterValues {
  q: string;
  tags: string[];
  phone: string;
  nodeId: string | undefined;
}

/** Mirrors the server's rule: a mainland mobile (+86 optional) or a landline with area code. */
export function isPhoneNumber(raw: string): boolean {
  const p = raw.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(p) || /^0\d{2,3}\d{7,8}$/.test(p);
}

const FIELDS = ['q', 'tags', 'phone', 'nodeId'] as const;

export const EMPTY_FILTERS: HouseholdFilterValues = { q: '', tags: [], phone: '', nodeId: undefined };

interface Props {
  values: HouseholdFilterValues;
  catalogue: TagCatalogue;
  onSearch(values: HouseholdFilterValues): void;
  /** The last failed search; its field errors are shown on the filters. */
  error: ApiError | null;
}

/** Search box, tag filter, exact phone and org node; applied together with 搜索 / Search. */
export function HouseholdFilters({ values, catalogue, onSearch, error }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<HouseholdFilterValues>();

  // The URL is the source of truth: going back in history puts its filters in the form.
  useEffect(() => form.setFieldsValue(values), [form, values]);
  useEffect(() => {
    if (error) applyServerErrors(form, error, FIELDS);
  }, [form, error]);

  const tagOptions = catalogue.tags
    .filter((tag) => tag.appliesTo !== 'resident')
    .map((tag) => ({ value: tag.code, label: catalogue.label(tag.code) }));

  return (
    <Form<HouseholdFilterValues>
      form={form}
      layout="vertical"
      initialValues={values}
      onFinish={(v) => onSearch({ ...EMPTY_FILTERS, ...v })}
      role="search"
      className="filter-form"
    >
      <Form.Item name="q" label={t('households.searchLabel')}>
        <Input placeholder={t('households.searchPlaceholder')} allowClear />
      </Form.Item>
      <Form.Item name="tags" label={t('households.tagsLabel')}>
        <Select mode="multiple" options={tagOptions} placeholder={t('households.tagsPlaceholder')} allowClear />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('households.phoneLabel')}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              if (value?.trim() && !isPhoneNumber(value)) throw new Error(t('households.phoneInvalid'));
            },
          },
        ]}
      >
        <Input inputMode="tel" autoComplete="off" placeholder={t('households.phonePlaceholder')} allowClear />
      </Form.Item>
      <Form.Item name="nodeId" label={t('households.nodeLabel')}>
        <OrgNodeSelect placeholder={t('households.nodePlaceholder')} />
      </Form.Item>
      <Form.Item label={<span aria-hidden>&nbsp;</span>} colon={false}>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.setFieldsValue(EMPTY_FILTERS);
              onSearch(EMPTY_FILTERS);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
