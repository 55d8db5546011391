import CloseCircleFilled from '@ant-design/icons/CloseCircleFilled';
import ExclamationCircleFilled from '@ant-design/icons/ExclamationCircleFilled';
import StopOutlined from '@ant-design/icons/StopOutlined';
import type { ReactNode } from 'react';
import { palette } from '../app/theme';

type Kind = 'error' | 'warning' | 'forbidden' | 'not-found';

const ICONS: Record<Kind, ReactNode> = {
  error: <CloseCircleFilled style={{ color: palette.error }} />,
  warning: <ExclamationCircleFilled style={{ color: palette.warningGraphic }} />,
  forbidden: <StopOutlined style={{ color: palette.error }} />,
  'not-found': <ExclamationCircleFilled style={{ color: palette.primary }} />,
};

interface Props {
  kind: Kind;
  title: ReactNode;
  text?: ReactNode;
  actions?: ReactNode;
}

/**
 * A whole-page message (error, not found, not allowed). Lighter than antd Result, whose
 * illustrations would weigh on the first load, since the shell needs this before any page.
 */
export function Notice({ kind, title, text, actions }: Props) {
  return (
    <div className="notice" role={kind === 'error' ? 'alert' : undefined}>
      <div className="notice-icon" aria-hidden>
        {ICONS[kind]}
      </div>
      <h1 className="notice-title">{title}</h1>
      {text && <p className="notice-text">{text}</p>}
      {actions && <div className="notice-actions">{actions}</div>}
    </div>
  );
}
