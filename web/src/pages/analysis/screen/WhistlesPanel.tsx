import { Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../api/dashboard';
import type { Ratio } from '../../../api/rates';
import { useFormatters } from '../../../i18n/format';
import { ChartPanel, ScreenPanel } from './ScreenPanel';
import { whistleKindsOption } from './screenCharts';

type Whistles = NonNullable<Dashboard['whistles']>;
type KindRow = Whistles['open'][number];

/** 吹哨报到: open whistles by kind (departments checked in and awaited), check-in timeliness and the latest whistles. */
export function WhistlesPanel({ whistles, className }: { whistles: Dashboard['whistles']; className?: string }) {
  const { t } = useTranslation();
  if (!whistles) {
    return (
      <ScreenPanel title={t('screen.whistles.title')} className={className}>
        <p className="screen-muted">{t('screen.whistles.noAccess')}</p>
      </ScreenPanel>
    );
  }
  return <WhistleFigures whistles={whistles} className={className} />;
}

function WhistleFigures({ whistles, className }: { whistles: Whistles; className?: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const kindName = (kind: KindRow['kind']) => t(`screen.whistles.kinds.${kind}`);
  const option = useMemo(
    () =>
      whistleKindsOption(
        whistles.open.map((k) => ({ name: `${kindName(k.kind)} ${format.number(k.open)}`, checkedIn: k.checkedIn, awaited: k.summoned - k.checkedIn })),
        { checkedIn: t('screen.whistles.checkedIn'), awaited: t('screen.whistles.awaited') },
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- kindName reads t only
    [whistles.open, format, t],
  );
  const count = (v: number) => format.number(v);
  const rate = (r: Ratio) => (r.value === null ? t('rates.noData') : format.percent(r.value));
  const { checkIn } = whistles;

  return (
    <ChartPanel
      title={t('screen.whistles.title')}
      className={className}
      option={option}
      table={
        <Table<KindRow>
          size="small"
          rowKey="kind"
          pagination={false}
          dataSource={whistles.open}
          columns={[
            { title: t('screen.whistles.kind'), dataIndex: 'kind', render: kindName },
            { title: t('screen.whistles.open'), dataIndex: 'open', align: 'right', render: count },
            { title: t('screen.whistles.summoned'), dataIndex: 'summoned', align: 'right', render: count },
            { title: t('screen.whistles.checkedIn'), dataIndex: 'checkedIn', align: 'right', render: count },
            { title: t('screen.whistles.late'), dataIndex: 'lateNotCheckedIn', align: 'right', render: count },
          ]}
        />
      }
      footer={
        <>
          <dl className="screen-figures">
            {(['checkInRate', 'onTimeRate'] as const).map((name) => (
              <div key={name}>
                <dt>{t(`screen.whistles.${name}`)}</dt>
                <dd>
                  {rate(checkIn[name])} <span className="screen-muted">{`${count(checkIn[name].numerator)} / ${count(checkIn[name].denominator)}`}</span>
                </dd>
              </div>
            ))}
          </dl>
          <h3 className="screen-subtitle">{t('screen.whistles.recent')}</h3>
          {whistles.recent.items.length === 0 ? (
            <p className="screen-muted">{t('screen.whistles.noWhistles')}</p>
          ) : (
            <ul className="screen-whistles">
              {whistles.recent.items.map((w) => (
                <li key={w.id} className={`screen-whistle screen-whistle--${w.kind}`}>
                  <span className="screen-whistle-kind">{kindName(w.kind)}</span>
                  <span className="screen-whistle-place">{w.place ?? w.orgNodeName}</span>
                  <span className="screen-muted">
                    {t(`screen.whistles.status.${w.status}`)} · {t('screen.whistles.checkIns', { checkedIn: w.checkedIn, summoned: w.summoned })} · {format.dateTime(w.blownAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      }
    />
  );
}
