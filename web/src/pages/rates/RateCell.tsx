import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ratio } from '../../api/rates';
import { useFormatters } from '../../i18n/format';

/**
 * A rate as a percentage; its numerator / denominator shows in a tooltip on hover or keyboard
 * focus, and is read out to screen readers as part of the cell.
 */
export function RateCell({ ratio }: { ratio: Ratio }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (ratio.value === null) return <span className="wb-muted">{t('rates.noData')}</span>;
  const fraction = t('rates.fraction', { numerator: format.number(ratio.numerator), denominator: format.number(ratio.denominator) });
  return (
    <Tooltip title={fraction} trigger={['hover', 'focus']}>
      <span tabIndex={0} style={{ whiteSpace: 'nowrap' }}>
        {format.percent(ratio.value)}
        <span className="visually-hidden"> ({fraction})</span>
      </span>
    </Tooltip>
  );
}
