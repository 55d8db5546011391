import { Button, Checkbox, Form, Input, Select, Space, TreeSelect } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_CHANNELS, CASE_STATUSES, type CaseChannel, type CaseStatus } from '../../api/cases';
import type { ApiError } from '../../api/client';
import { applyServerErrors } from '../../components/formErrors';
import type { GridRef } from './grids';
import type { CategoryCatalogue } from './useCategories';

export interface QueueFilterValues {
  q?: string;
  status?: CaseStatus[];
  categoryId?: number;
  gridId?: number;
  channel?: CaseChannel;
  overdue?: boolean;
}

const FIELDS = ['q', 'status', 'categoryId', 'gridId', 'channel', 'overdue'] as const;
const EMPTY: QueueFilterValues = {
  q: '',
  status: [],
  categoryId: undefined,
  gridId: undefined,
  channel: undefined,
  overdue: false,
};

interface Props {
  values: QueueFilterValues;
  categories: CategoryCatalogue;
  grids: GridRef[];
  onSearch(values: QueueFilterValues): void;
  error: ApiError | null;
}

/** Search box and filters of the queue, applied together with 搜索 / Search (or Enter). */
export function QueueFilters({ values, categories, grids, onSearch, error }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<QueueFilterValues>();

  useEffect(() => form.setFieldsValue({ ...EMPTY, ...values }), [form, values]);
  useEffect(() => {
    if (error) applyServerErrors(form, error, FIELDS);
  }, [form, error]);

  const statusOptions = CASE_STATUSES.map((s) => ({ value: s, label: t(`caseEnums.status.${s}`) }));
  const channelOptions = CASE_CHANNELS.map((c) => ({ value: c, label: t(`caseEnums.channel.${c}`) }));
  const gridOptions = grids.map((g) => ({
    value: g.id,
    label: g.communityName && grids.length > 8 ? `${g.communityName} · ${g.name}` : g.name,
  }));

  return (
    <Form<QueueFilterValues>
      form={form}
      layout="vertical"
      initialValues={{ ...EMPTY, ...values }}
      onFinish={(v) => onSearch({ ...EMPTY, ...v, q: v.q?.trim() })}
      role="search"
      className="filter-form"
    >
      <Form.Item name="q" label={t('queue.searchLabel')}>
        <Input placeholder={t('queue.searchPlaceholder')} allowClear maxLength={50} />
      </Form.Item>
      <Form.Item name="status" label={t('queue.status')}>
        <Select mode="multiple" options={statusOptions} placeholder={t('queue.statusPlaceholder')} allowClear />
      </Form.Item>
      <Form.Item name="categoryId" label={t('queue.category')}>
        <TreeSelect
          treeData={categories.tree}
          placeholder={t('queue.categoryPlaceholder')}
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item name="gridId" label={t('queue.grid')}>
        <Select
          options={gridOptions}
          placeholder={t('queue.gridPlaceholder')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item name="channel" label={t('queue.channel')}>
        <Select options={channelOptions} placeholder={t('queue.channelPlaceholder')} allowClear />
      </Form.Item>
      <Form.Item name="overdue" valuePropName="checked" label={<span aria-hidden>&nbsp;</span>} colon={false}>
        <Checkbox>{t('queue.overdueOnly')}</Checkbox>
      </Form.Item>
      <Form.Item label={<span aria-hidden>&nbsp;</span>} colon={false}>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.setFieldsValue(EMPTY);
              onSearch(EMPTY);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
