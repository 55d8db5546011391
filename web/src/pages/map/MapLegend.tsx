import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import type { LegendStep } from './gridCounts';

/** The classes of a map's colour scale as a list: a swatch and the counts each colour stands for. */
export function MapLegend({ steps, label }: { steps: LegendStep[]; label: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <ul className="wb-legend" aria-label={label}>
      {steps.map((step) => (
        <li key={step.from}>
          <span className="wb-swatch" aria-hidden style={{ background: step.colour }} />
          {step.to === 0
            ? t('gridMap.zero')
            : step.to === null
              ? t('gridMap.atLeast', { from: format.number(step.from) })
              : step.to === step.from
                ? format.number(step.from)
                : t('gridMap.range', { from: format.number(step.from), to: format.number(step.to) })}
        </li>
      ))}
    </ul>
  );
}
