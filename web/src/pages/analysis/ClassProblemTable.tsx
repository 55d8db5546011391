import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClassProblem } from '../../api/analysis';
import { useFormatters } from '../../i18n/format';
import { categoryName } from './period';

/** Class problems: the same place and category again and again, with the cases' numbers. */
export function ClassProblemTable({ items, loading, emptyText }: { items: ClassProblem[]; loading: boolean; emptyText: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const columns: TableColumnsType<ClassProblem> = [
    { title: t('analysis.weekly.place'), key: 'place', render: (_, p) => p.place.name },
    { title: t('analysis.category'), key: 'category', render: (_, p) => categoryName(p.category, i18n.language) },
    { title: t('analysis.count'), dataIndex: 'count', align: 'right', render: (v: number) => format.number(v) },
    { title: t('analysis.weekly.firstAt'), dataIndex: 'firstAt', render: (v: string) => format.dateTime(v) },
    { title: t('analysis.weekly.lastAt'), dataIndex: 'lastAt', render: (v: string) => format.dateTime(v) },
    { title: t('analysis.weekly.cases'), key: 'cases', render: (_, p) => p.publicIds.join('、') },
  ];
  return (
    <Table<ClassProblem>
      size="small"
      rowKey={(p) => `${p.place.kind}-${p.place.id}-${p.category.id}`}
      loading={loading}
      pagination={false}
      dataSource={items}
      columns={columns}
      locale={{ emptyText }}
    />
  );
}
