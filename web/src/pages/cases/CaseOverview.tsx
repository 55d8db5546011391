import { Descriptions, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseView } from '../../api/cases';
import { useFormatters } from '../../i18n/format';

/** The case's times, handling unit, supervision and outcome, as a description list. */
export function CaseOverview({ caseView: c }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const empty = t('common.empty');
  const time = (value: string | null) => (value ? <time dateTime={value}>{format.dateTime(value)}</time> : empty);

  const items: NonNullable<DescriptionsProps['items']> = [
    { key: 'receivedAt', label: t('caseDetail.receivedAt'), children: time(c.receivedAt) },
    { key: 'responseDue', label: t('caseDetail.responseDue'), children: time(c.dueResponseAt) },
    { key: 'respondedAt', label: t('caseDetail.respondedAt'), children: time(c.respondedAt) },
    {
      key: 'handler',
      label: t('caseDetail.handler'),
      children: c.handler.kind
        ? t('wb.labelValue', { label: t(`caseEnums.handlerKind.${c.handler.kind}`), value: c.handler.name ?? empty })
        : t('caseDetail.noHandler'),
    },
    { key: 'dispatchedAt', label: t('caseDetail.dispatchedAt'), children: time(c.dispatchedAt) },
    { key: 'dueAt', label: t('caseDetail.dueAt'), children: time(c.dueAt) },
    { key: 'repliedAt', label: t('caseDetail.repliedAt'), children: time(c.repliedAt) },
    { key: 'closedAt', label: t('caseDetail.closedAt'), children: time(c.closedAt) },
    {
      key: 'supervision',
      label: t('caseDetail.supervision'),
      children: c.supervisionLevel > 0 ? t('caseDetail.supervisionLevel', { level: c.supervisionLevel }) : empty,
    },
    { key: 'reopenCount', label: t('caseDetail.reopenCount'), children: format.number(c.reopenCount) },
  ];
  if (c.resolution) {
    items.push({ key: 'resolution', label: t('caseDetail.resolution'), children: t(`caseEnums.resolution.${c.resolution}`) });
  }
  if (c.satisfaction) {
    const resolved = c.ratedResolved === null ? '' : `${t(c.ratedResolved ? 'actions.resolvedYes' : 'actions.resolvedNo')} · `;
    items.push({ key: 'rating', label: t('caseDetail.rating'), children: `${resolved}${t(`caseEnums.satisfaction.${c.satisfaction}`)}` });
  }
  if (c.closeReason) items.push({ key: 'closeReason', label: t('caseDetail.closeReason'), children: c.closeReason });
  if (c.mergedIntoId) {
    items.push({
      key: 'mergedInto',
      label: t('caseDetail.mergedInto'),
      children: <Link to={`/cases/${c.mergedIntoId}`}>{t('caseDetail.viewMerged')}</Link>,
    });
  }

  return <Descriptions bordered size="small" column={1} items={items} />;
}
