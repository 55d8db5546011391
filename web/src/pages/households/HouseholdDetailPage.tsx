import ArrowLeftOutlined from '@ant-design/icons/ArrowLeftOutlined';
import { Descriptions, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router-dom';
import { getHousehold } from '../../api/archive';
import type { HouseholdDetail, Visit } from '../../api/types';
import { useAuth } from '../../app/auth';
import { LinkButton } from '../../components/LinkButton';
import { Notice } from '../../components/Notice';
import { TagList } from '../../components/TagList';
import { useApi } from '../../components/useApi';
import { usePageTitle } from '../../components/usePageTitle';
import { useTags } from '../../components/useTags';
import { useFormatters } from '../../i18n/format';
import { HouseholdCases } from '../cases/HouseholdCases';
import { MembersTable } from './MembersTable';
import { VisitForm } from './VisitForm';
import { VisitsTable } from './VisitsTable';

function newestFirst(visits: Visit[]): Visit[] {
  return [...visits].sort((a, b) => Date.parse(b.visitedAt) - Date.parse(a.visitedAt));
}

/** 一户一档: one household's record, members, visits, and a form to record a new visit. */
export default function HouseholdDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const listSearch = (useLocation().state as { listSearch?: string } | null)?.listSearch ?? '';
  const { can } = useAuth();
  const format = useFormatters();
  const catalogue = useTags();
  const { data, error, loading, setData } = useApi((signal) => getHousehold(id, signal), [id]);
  usePageTitle(data?.household.address ?? t('households.detailTitle'));

  const back = (
    <LinkButton to={`/households${listSearch}`} icon={<ArrowLeftOutlined aria-hidden />}>
      {t('common.backToList')}
    </LinkButton>
  );

  if (!data) {
    if (loading) return <Spin />;
    return <Notice kind={error?.status === 404 ? 'not-found' : 'error'} title={error?.message} actions={back} />;
  }

  const { household, members, visits } = data;
  const addVisit = (visit: Visit) =>
    setData((current: HouseholdDetail | undefined) =>
      current ? { ...current, visits: newestFirst([visit, ...current.visits]) } : current,
    );

  return (
    <>
      <div className="page-back">{back}</div>
      <h1 className="page-title">
        {household.address}
      </h1>

      <section className="panel" aria-label={t('households.detailTitle')}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'address', label: t('households.address'), children: household.address, span: 'filled' },
            { key: 'building', label: t('households.building'), children: household.building.name },
            { key: 'grid', label: t('households.grid'), children: household.grid.name },
            { key: 'community', label: t('households.community'), children: household.community.name },
            {
              key: 'housing',
              label: t('households.housing'),
              children: t(`enums.housing.${household.housing}`, { defaultValue: household.housing }),
            },
            { key: 'area', label: t('households.area'), children: format.number(household.areaM2) },
            {
              key: 'tags',
              label: t('households.tags'),
              children: <TagList codes={household.tags} catalogue={catalogue} />,
            },
            {
              key: 'notes',
              label: t('households.notes'),
              children: household.notes || t('common.empty'),
              span: 'filled',
            },
          ]}
        />
      </section>

      <section className="panel" aria-labelledby="members-heading">
        <h2 className="section-title" id="members-heading">
          {t('households.members')}
        </h2>
        <MembersTable members={members} catalogue={catalogue} />
      </section>

      <section className="panel" aria-labelledby="visits-heading">
        <h2 className="section-title" id="visits-heading">
          {t('visits.title')}
        </h2>
        <VisitsTable visits={visits} />
      </section>

      {can('case.read') && (
        <section className="panel" aria-labelledby="household-cases-heading">
          <h2 className="section-title" id="household-cases-heading">
            {t('householdCases.title')}
          </h2>
          <HouseholdCases householdId={household.id} gridId={household.grid.id} />
        </section>
      )}

      {can('visit.write') && (
        <section className="panel" aria-labelledby="add-visit-heading">
          <h2 className="section-title" id="add-visit-heading">
            {t('visits.add')}
          </h2>
          <VisitForm householdId={household.id} onAdded={addVisit} />
        </section>
      )}
    </>
  );
}
