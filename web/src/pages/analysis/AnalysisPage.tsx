import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import FullscreenOutlined from '@ant-design/icons/FullscreenOutlined';
import { Button, Input, Segmented, Select } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getDailyAnalysis,
  getHotWords,
  getMonthlyAnalysis,
  getWeeklyAnalysis,
  monthlyReportUrl,
  weeklyReportUrl,
  MAX_HOT_WORD_DAYS,
  type AreaKind,
} from '../../api/analysis';
import { LinkButton } from '../../components/LinkButton';
import { useApi } from '../../components/useApi';
import { usePageTitle } from '../../components/usePageTitle';
import '../cases/workbench.css';
import { localToday, monthLabel, recentMonths } from '../rates/period';
import { DailyView } from './DailyView';
import { HotWordsView } from './HotWordsView';
import { MonthlyView } from './MonthlyView';
import { addDays, daysInRange, isoWeekOf } from './period';
import { ReportsPanel } from './ReportsPanel';
import { useAreaUnits, unitKey, type Unit } from './units';
import { WeeklyView } from './WeeklyView';

type View = 'daily' | 'weekly' | 'monthly' | 'hotWords' | 'reports';
const VIEWS: View[] = ['daily', 'weekly', 'monthly', 'hotWords', 'reports'];
const MONTHS_OFFERED = 24;

/** The units below which a unit's ranking compares: a street's communities, otherwise grids. */
const rankingKind = (kind: AreaKind) => (kind === 'street' ? 'community' : 'grid');

function DailyPanel({ unit, date }: { unit: Unit; date: string }) {
  const state = useApi((signal) => getDailyAnalysis(unit, date, signal), [unit.kind, unit.id, date], { keepPrevious: true });
  return <DailyView data={state.data} loading={state.loading} />;
}

function WeeklyPanel({ unit, week }: { unit: Unit; week: string }) {
  const state = useApi((signal) => getWeeklyAnalysis(unit, week, signal), [unit.kind, unit.id, week], { keepPrevious: true });
  return (
    <>
      <ReportLink href={weeklyReportUrl(unit, week)} />
      <WeeklyView data={state.data} loading={state.loading} />
    </>
  );
}

function MonthlyPanel({ unit, month }: { unit: Unit; month: string }) {
  const state = useApi((signal) => getMonthlyAnalysis(unit, month, signal, rankingKind(unit.kind)), [unit.kind, unit.id, month], {
    keepPrevious: true,
  });
  return (
    <>
      <ReportLink href={monthlyReportUrl(unit, month, rankingKind(unit.kind))} />
      <MonthlyView data={state.data} loading={state.loading} month={month} />
    </>
  );
}

/** The view's figures as a workbook, from the same use case as the page. */
function ReportLink({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <p>
      <Button href={href} icon={<DownloadOutlined aria-hidden />} data-testid="report-download">
        {t('analysis.downloadReport')}
      </Button>
    </p>
  );
}

function HotWordsPanel({ unit, from, to }: { unit: Unit; from: string; to: string }) {
  const state = useApi((signal) => getHotWords(unit, from, to, signal), [unit.kind, unit.id, from, to], { keepPrevious: true });
  return <HotWordsView data={state.data} loading={state.loading} />;
}

/** 民情驾驶舱: the daily, weekly and monthly analyses of a street, community or grid, and hot words. */
export default function AnalysisPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('analysis.title'));
  const ids = { unit: useId(), date: useId(), week: useId(), month: useId(), from: useId(), to: useId(), error: useId() };
  const today = useMemo(() => localToday(), []);
  const months = useMemo(() => recentMonths(MONTHS_OFFERED, today), [today]);

  const units = useAreaUnits();

  const [view, setView] = useState<View>('daily');
  const [chosenUnit, setChosenUnit] = useState<string | undefined>(undefined);
  const [date, setDate] = useState(today);
  const [week, setWeek] = useState(() => isoWeekOf(today));
  const [month, setMonth] = useState(months[0] ?? today.slice(0, 7));
  const [from, setFrom] = useState(() => addDays(today, -29));
  const [to, setTo] = useState(today);

  const unit = units.find((u) => unitKey(u) === chosenUnit) ?? units[0];
  const rangeDays = from <= to ? daysInRange(from, to) : 0;
  const rangeError = rangeDays === 0 || rangeDays > MAX_HOT_WORD_DAYS ? t('analysis.rangeTooLong', { count: MAX_HOT_WORD_DAYS }) : null;

  const weekPicker = (
    <>
      <label htmlFor={ids.week}>{t('analysis.week')}</label>
      <Input id={ids.week} type="week" value={week} max={isoWeekOf(today)} style={{ width: 180 }} onChange={(e) => e.target.value && setWeek(e.target.value)} />
    </>
  );
  const monthPicker = (
    <>
      <label htmlFor={ids.month}>{t('analysis.month')}</label>
      <Select<string>
        id={ids.month}
        value={month}
        onChange={setMonth}
        options={months.map((m) => ({ value: m, label: monthLabel(m, i18n.language) }))}
        style={{ minWidth: 160 }}
      />
    </>
  );

  const picker = (() => {
    switch (view) {
      case 'daily':
        return (
          <>
            <label htmlFor={ids.date}>{t('analysis.date')}</label>
            <Input id={ids.date} type="date" value={date} max={today} style={{ width: 180 }} onChange={(e) => e.target.value && setDate(e.target.value)} />
          </>
        );
      case 'weekly':
        return weekPicker;
      case 'monthly':
        return monthPicker;
      case 'reports':
        return (
          <>
            {weekPicker}
            {monthPicker}
          </>
        );
      case 'hotWords':
        return (
          <>
            <label htmlFor={ids.from}>{t('analysis.from')}</label>
            <Input
              id={ids.from}
              type="date"
              value={from}
              max={today}
              style={{ width: 180 }}
              aria-describedby={rangeError ? ids.error : undefined}
              aria-invalid={rangeError ? true : undefined}
              onChange={(e) => e.target.value && setFrom(e.target.value)}
            />
            <label htmlFor={ids.to}>{t('analysis.to')}</label>
            <Input
              id={ids.to}
              type="date"
              value={to}
              max={today}
              style={{ width: 180 }}
              aria-describedby={rangeError ? ids.error : undefined}
              aria-invalid={rangeError ? true : undefined}
              onChange={(e) => e.target.value && setTo(e.target.value)}
            />
            {rangeError && (
              <span id={ids.error} role="alert" className="wb-rate-change--down">
                {rangeError}
              </span>
            )}
          </>
        );
    }
  })();

  const content = !unit ? null : view === 'daily' ? (
    <DailyPanel unit={unit} date={date} />
  ) : view === 'weekly' ? (
    <WeeklyPanel unit={unit} week={week} />
  ) : view === 'monthly' ? (
    <MonthlyPanel unit={unit} month={month} />
  ) : view === 'reports' ? (
    <ReportsPanel unit={unit} week={week} month={month} />
  ) : rangeError ? null : (
    <HotWordsPanel unit={unit} from={from} to={to} />
  );

  return (
    <>
      <div className="wb-toolbar">
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('analysis.title')}
        </h1>
        {units.length > 1 && unit && (
          <>
            <label htmlFor={ids.unit}>{t('analysis.unit')}</label>
            <Select<string>
              id={ids.unit}
              value={unitKey(unit)}
              onChange={setChosenUnit}
              options={units.map((u) => ({ value: unitKey(u), label: t('analysis.unitOption', { kind: t(`analysis.kinds.${u.kind}`), name: u.name }) }))}
              style={{ minWidth: 200 }}
            />
          </>
        )}
        {units.length === 1 && unit && (
          <span className="wb-muted">{t('analysis.unitOption', { kind: t(`analysis.kinds.${unit.kind}`), name: unit.name })}</span>
        )}
        {unit && (
          <LinkButton to={`/analysis/screen?unit=${unit.id}`} icon={<FullscreenOutlined aria-hidden />} aria-label={t('screen.openLabel')}>
            {t('screen.open')}
          </LinkButton>
        )}
      </div>
      {!unit ? (
        <p className="wb-muted">{t('analysis.noUnit')}</p>
      ) : (
        <>
          <div className="wb-toolbar">
            <Segmented<View>
              aria-label={t('analysis.view')}
              value={view}
              onChange={setView}
              options={VIEWS.map((v) => ({ value: v, label: t(`analysis.views.${v}`) }))}
            />
            {picker}
          </div>
          {content}
        </>
      )}
    </>
  );
}
