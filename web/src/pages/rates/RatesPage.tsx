import { Button, Select, Tabs } from 'antd';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRanking, RANKED_UNIT_KINDS, RATE_NAMES, type RankedUnitKind, type RateUnit } from '../../api/rates';
import { useApi } from '../../components/useApi';
import { usePageTitle } from '../../components/usePageTitle';
import '../cases/workbench.css';
import { inLanguage, localToday, monthLabel, recentMonths } from './period';
import { RankingTable } from './RankingTable';
import { TopUnits } from './TopUnits';
import { UnitDailyRates } from './UnitDailyRates';

const MONTHS_OFFERED = 24;

/** 三率排名: units of a kind ranked for a month, a unit's daily rates, and the day's busiest units. */
export default function RatesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('rates.title'));
  const monthId = useId();
  const months = useMemo(() => recentMonths(MONTHS_OFFERED, localToday()), []);
  const [month, setMonth] = useState(months[0] ?? localToday().slice(0, 7));
  const [unitKind, setUnitKind] = useState<RankedUnitKind>('community');
  const [drill, setDrill] = useState<RateUnit | null>(null);
  const drillHeading = useRef<HTMLHeadingElement>(null);

  const ranking = useApi((signal) => getRanking(unitKind, month, signal), [unitKind, month], { keepPrevious: true });
  const monthName = monthLabel(month, i18n.language);
  const kindName = t(`rates.kinds.${unitKind}`);

  useEffect(() => setDrill(null), [unitKind]);
  useEffect(() => {
    if (drill) drillHeading.current?.focus();
  }, [drill]);

  const data = ranking.data;
  const drillTitle = drill ? t('rates.drillTitle', { name: drill.name, month: monthName }) : '';

  const content = (
    <>
      <section className="panel" aria-labelledby="ranking-heading">
        <h2 className="section-title" id="ranking-heading">
          {t('rates.rankingLabel', { month: monthName, kind: kindName })}
        </h2>
        <RankingTable items={data?.items ?? []} loading={ranking.loading} selected={drill} onDrill={setDrill} />
        {data && (
          <details style={{ marginTop: 12 }}>
            <summary>
              {t('rates.rule')} · {t('rates.formulas')}
            </summary>
            <p>{inLanguage(data.rule, i18n.language)}</p>
            <ul>
              {RATE_NAMES.map((name) => (
                <li key={name}>{inLanguage(data.formulas[name], i18n.language)}</li>
              ))}
            </ul>
          </details>
        )}
      </section>

      {drill && (
        <section className="panel" aria-labelledby="drill-heading">
          <div className="wb-toolbar">
            <h2 className="section-title" id="drill-heading" tabIndex={-1} ref={drillHeading} style={{ margin: 0 }}>
              {drillTitle}
            </h2>
            <Button className="wb-toolbar-end" onClick={() => setDrill(null)}>
              {t('wb.close')}
            </Button>
          </div>
          <UnitDailyRates unit={drill} month={month} title={drillTitle} />
        </section>
      )}

      <section className="panel" aria-labelledby="top-heading">
        <h2 className="section-title" id="top-heading">
          {t('rates.top')}
        </h2>
        <TopUnits unitKind={unitKind} />
      </section>
    </>
  );

  return (
    <>
      <div className="wb-toolbar">
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('rates.title')}
        </h1>
        <label htmlFor={monthId}>{t('rates.month')}</label>
        <Select<string>
          id={monthId}
          value={month}
          onChange={(next) => {
            setMonth(next);
            setDrill(null);
          }}
          options={months.map((m) => ({ value: m, label: monthLabel(m, i18n.language) }))}
          style={{ minWidth: 160 }}
        />
      </div>
      <Tabs
        activeKey={unitKind}
        onChange={(key) => setUnitKind(key as RankedUnitKind)}
        aria-label={t('rates.unitKind')}
        items={RANKED_UNIT_KINDS.map((kind) => ({
          key: kind,
          label: t(`rates.kinds.${kind}`),
          children: kind === unitKind ? content : null,
        }))}
      />
    </>
  );
}
