import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isCaseAction, type CaseAction } from '../../api/cases';

// The next step of the workflow first; it is the primary button.
const ORDER: readonly CaseAction[] = [
  'accept',
  'dispatch',
  'take',
  'reply',
  'rate',
  'note',
  'supervise',
  'return',
  'reopen',
  'close',
  'close_unresolved',
  'merge',
  'withdraw',
];
const MAIN: readonly CaseAction[] = ['accept', 'dispatch', 'take', 'reply', 'rate'];

/** Exactly the actions the server allows this user now, each opening its own small form. */
export function CaseActions({ allowed, onChoose }: { allowed: readonly string[]; onChoose(action: CaseAction): void }) {
  const { t } = useTranslation();
  const actions = ORDER.filter((a) => allowed.filter(isCaseAction).includes(a));
  if (actions.length === 0) return <p className="wb-muted">{t('actions.none')}</p>;
  const primary = actions.find((a) => MAIN.includes(a));

  return (
    <div className="wb-actions">
      {actions.map((action) => (
        <Button
          key={action}
          type={action === primary ? 'primary' : 'default'}
          danger={action === 'close_unresolved'}
          onClick={() => onChoose(action)}
        >
          {t(`caseEnums.action.${action}`)}
        </Button>
      ))}
    </div>
  );
}
