import ArrowLeftOutlined from '@ant-design/icons/ArrowLeftOutlined';
import FullscreenExitOutlined from '@ant-design/icons/FullscreenExitOutlined';
import FullscreenOutlined from '@ant-design/icons/FullscreenOutlined';
import { Button, ConfigProvider, Input, Segmented, Select, theme, type ThemeConfig } from 'antd';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { getDashboard, type Dashboard, type PeriodKind } from '../../../api/dashboard';
import { LinkButton } from '../../../components/LinkButton';
import { Notice } from '../../../components/Notice';
import { LanguageSwitch } from '../../../components/PreferenceControls';
import { useApi } from '../../../components/useApi';
import { usePageTitle } from '../../../components/usePageTitle';
import { useFormatters } from '../../../i18n/format';
import '../../cases/workbench.css';
import '../../cases/workbenchStrings';
import { localToday } from '../../rates/period';
import { isoWeekOf } from '../period';
import { useAreaUnits, unitKey, type Unit } from '../units';
import { GridMapPanel } from './GridMapPanel';
import { RankingPanel } from './RankingPanel';
import { RatesPanel } from './RatesPanel';
import './screen.css';
import { TrendPanel } from './TrendPanel';
import { WhistlesPanel } from './WhistlesPanel';

const REFRESH_MS = 60_000;
const PERIOD_KINDS: PeriodKind[] = ['day', 'week', 'month'];
const INPUT_TYPE = { day: 'date', week: 'week', month: 'month' } as const;

const DARK: ThemeConfig = {
  algorithm: theme.darkAlgorithm,
  token: { colorPrimary: '#3c8cff', colorBgContainer: '#13294d', colorBgElevated: '#1a3360', colorText: '#e6f0ff', colorTextSecondary: '#b8c7e0', colorBorder: '#35507d' },
  components: { Table: { headerBg: '#1a3360', rowHoverBg: '#1d3a6b' } },
};

/** The kind of a period as the API writes it: YYYY-MM-DD, YYYY-Www or YYYY-MM. */
function kindOf(spec: string): PeriodKind | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(spec)) return 'day';
  if (/^\d{4}-W\d{2}$/.test(spec)) return 'week';
  if (/^\d{4}-\d{2}$/.test(spec)) return 'month';
  return null;
}

/** The same moment of another kind: a day's week or month, a week's Monday, a month's first day. */
function convert(spec: string, to: PeriodKind, today: string): string {
  const day = kindOf(spec) === 'day' ? spec : kindOf(spec) === 'month' ? `${spec}-01` : today;
  return to === 'day' ? day : to === 'week' ? isoWeekOf(day) : day.slice(0, 7);
}

function useFullscreen() {
  const [on, setOn] = useState(() => Boolean(document.fullscreenElement));
  useEffect(() => {
    const changed = () => setOn(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, []);
  const toggle = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  return { supported: document.fullscreenEnabled !== false, on, toggle };
}

/** 驾驶舱大屏: the unit's grids, trend, three rates, ranking and whistles on one dark screen, refreshed every minute. */
export default function ScreenPage() {
  const { t } = useTranslation();
  usePageTitle(t('screen.pageTitle'));
  const roleUnits = useAreaUnits();
  const today = useMemo(() => localToday(), []);
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('unit')) || roleUnits[0]?.id;
  const asked = params.get('period') ?? '';
  const period = kindOf(asked) ? asked : today.slice(0, 7);
  const periodKind = kindOf(period)!;
  const set = (changes: Record<string, string>) => setParams((p) => ({ ...Object.fromEntries(p), ...changes }), { replace: true });

  const state = useApi((signal) => (unitId ? getDashboard(unitId, period, signal) : Promise.resolve(undefined)), [unitId, period], { keepPrevious: true });
  const { reload } = state;
  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  // The reader's own units, and the units below the one shown (to look closer).
  const units = useMemo(() => {
    const all = new Map<string, Unit>(roleUnits.map((u) => [unitKey(u), u]));
    const data = state.data;
    if (data) {
      all.set(unitKey(data.unit), data.unit);
      for (const i of data.ranking.items) all.set(unitKey(i.unit), i.unit);
    }
    return [...all.values()];
  }, [roleUnits, state.data]);

  return (
    <ConfigProvider theme={DARK}>
      <main className="screen">
        <ScreenHeader
          data={state.data}
          units={units}
          unitId={unitId}
          period={period}
          periodKind={periodKind}
          today={today}
          onUnit={(id) => set({ unit: String(id) })}
          onPeriod={(spec) => set({ period: spec })}
        />
        {!unitId ? (
          <p className="screen-muted">{t('screen.noUnit')}</p>
        ) : state.error && !state.data ? (
          <Notice kind="warning" title={state.error.message} />
        ) : state.data ? (
          <ScreenBody data={state.data} />
        ) : (
          <p role="status" className="screen-muted">
            {t('common.loading')}
          </p>
        )}
      </main>
    </ConfigProvider>
  );
}

interface HeaderProps {
  data: Dashboard | undefined;
  units: Unit[];
  unitId: number | undefined;
  period: string;
  periodKind: PeriodKind;
  today: string;
  onUnit(id: number): void;
  onPeriod(spec: string): void;
}

function ScreenHeader({ data, units, unitId, period, periodKind, today, onUnit, onPeriod }: HeaderProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const ids = { unit: useId(), period: useId() };
  const fullscreen = useFullscreen();
  const max = convert(today, periodKind, today);
  return (
    <header className="screen-header">
      <div className="screen-heading">
        <h1>{t('screen.title', { name: data?.unit.name ?? '' })}</h1>
        {data && (
          <p className="screen-muted">
            {t('screen.range', { from: format.date(data.period.from), to: format.date(data.period.to) })} · {t('screen.updatedAt', { time: format.dateTime(data.asOf) })}
          </p>
        )}
      </div>
      <div className="screen-controls">
        <label htmlFor={ids.unit}>{t('screen.unit')}</label>
        <Select<number>
          id={ids.unit}
          value={unitId}
          onChange={onUnit}
          options={units.map((u) => ({ value: u.id, label: t('analysis.unitOption', { kind: t(`analysis.kinds.${u.kind}`), name: u.name }) }))}
          style={{ minWidth: 180 }}
          popupMatchSelectWidth={false}
        />
        <Segmented<PeriodKind>
          aria-label={t('screen.period')}
          value={periodKind}
          onChange={(kind) => onPeriod(convert(period, kind, today))}
          options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`screen.periodKinds.${k}`) }))}
        />
        <label htmlFor={ids.period} className="visually-hidden">
          {t(`screen.${periodKind}`)}
        </label>
        <Input id={ids.period} type={INPUT_TYPE[periodKind]} value={period} max={max} style={{ width: 170 }} onChange={(e) => e.target.value && onPeriod(e.target.value)} />
        <LanguageSwitch />
        {fullscreen.supported && (
          <Button icon={fullscreen.on ? <FullscreenExitOutlined aria-hidden /> : <FullscreenOutlined aria-hidden />} onClick={fullscreen.toggle}>
            {fullscreen.on ? t('screen.exitFullScreen') : t('screen.enterFullScreen')}
          </Button>
        )}
        <LinkButton to="/analysis" icon={<ArrowLeftOutlined aria-hidden />}>
          {t('screen.back')}
        </LinkButton>
      </div>
    </header>
  );
}

function ScreenBody({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const openOverdue = data.grids.items.reduce((n, g) => n + g.openOverdue, 0);
  const openWhistles = data.whistles?.open.reduce((n, k) => n + k.open, 0);
  const kpis: { key: 'received' | 'overdue' | 'openOverdue' | 'openWhistles'; value: number }[] = [
    { key: 'received', value: data.rates.counts.received },
    { key: 'overdue', value: data.rates.counts.overdue },
    { key: 'openOverdue', value: openOverdue },
    ...(openWhistles === undefined ? [] : [{ key: 'openWhistles' as const, value: openWhistles }]),
  ];
  return (
    <div className="screen-grid">
      <dl className="screen-kpis">
        {kpis.map((k) => (
          <div key={k.key} className={`screen-kpi screen-kpi--${k.key}`}>
            <dt>{t(`screen.kpi.${k.key}`)}</dt>
            <dd>{format.number(k.value)}</dd>
          </div>
        ))}
      </dl>
      <RatesPanel rates={data.rates} className="screen-area-rates" />
      <RankingPanel ranking={data.ranking} className="screen-area-ranking" />
      <GridMapPanel grids={data.grids.items} className="screen-area-map" />
      <TrendPanel trend={data.trend} className="screen-area-trend" />
      <WhistlesPanel whistles={data.whistles} className="screen-area-whistles" />
    </div>
  );
}
