import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, Priority } from '../../api/cases';

// antd's preset tag colours fall below 4.5:1 for several hues; these pairs meet WCAG AA.
const GREY: CSSProperties = { color: 'rgba(0,0,0,0.75)', background: '#f5f5f5', borderColor: '#d9d9d9' };
const STATUS_STYLE: Record<CaseStatus, CSSProperties> = {
  submitted: { color: '#0958d9', background: '#e6f4ff', borderColor: '#91caff' },
  accepted: { color: '#1d39c4', background: '#f0f5ff', borderColor: '#adc6ff' },
  dispatched: { color: '#531dab', background: '#f9f0ff', borderColor: '#d3adf7' },
  in_progress: { color: '#ad4e00', background: '#fff7e6', borderColor: '#ffd591' },
  replied: { color: '#006d75', background: '#e6fffb', borderColor: '#87e8de' },
  reopened: { color: '#9e1068', background: '#fff0f6', borderColor: '#ffadd2' },
  closed: { color: '#237804', background: '#f6ffed', borderColor: '#b7eb8f' },
  merged: GREY,
  withdrawn: GREY,
};
const PRIORITY_STYLE: Record<Priority, CSSProperties> = {
  emergency: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  high: { color: '#ad4e00', background: '#fff7e6', borderColor: '#ffd591' },
  normal: GREY,
  low: GREY,
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag style={STATUS_STYLE[status]} variant="outlined">
      {t(`caseEnums.status.${status}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Tag style={PRIORITY_STYLE[priority]} variant="outlined">
      {t(`caseEnums.priority.${priority}`)}
    </Tag>
  );
}
