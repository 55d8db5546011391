import CheckOutlined from '@ant-design/icons/CheckOutlined';
import { Button, Progress } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { suggestCategories, type CategorySuggestion } from '../../api/cases';
import { isAbort } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import { localName } from './useCategories';

const DEBOUNCE_MS = 500;
const MIN_LENGTH = 4;

interface Props {
  text: string;
  buildingId?: number;
  householdId?: number;
  chosenId?: number;
  onChoose(categoryId: number): void;
}

/**
 * Live category suggestions for the text being typed (debounced), each with its confidence and
 * the unit that would handle it there; 选用 puts it in the category picker.
 */
export function CategorySuggestions({ text, buildingId, householdId, chosenId, onChoose }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const [state, setState] = useState<{ items: CategorySuggestion[]; loading: boolean; error: string | null }>({
    items: [],
    loading: false,
    error: null,
  });
  const trimmed = text.trim();

  useEffect(() => {
    if (trimmed.length < MIN_LENGTH) {
      setState({ items: [], loading: false, error: null });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const timer = window.setTimeout(() => {
      suggestCategories({ text: trimmed, buildingId, householdId }, controller.signal).then(
        (items) => setState({ items, loading: false, error: null }),
        (error: unknown) => {
          if (isAbort(error) || controller.signal.aborted) return;
          setState({ items: [], loading: false, error: error instanceof Error ? error.message : String(error) });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed, buildingId, householdId]);

  let body;
  if (trimmed.length < MIN_LENGTH) body = <p className="wb-muted">{t('intake.suggestionsHint')}</p>;
  else if (state.error) body = <p role="alert">{state.error}</p>;
  else if (state.loading && state.items.length === 0) body = <p className="wb-muted">{t('intake.suggesting')}</p>;
  else if (state.items.length === 0) body = <p className="wb-muted">{t('intake.noSuggestions')}</p>;
  else {
    body = (
      <ul className="wb-list">
        {state.items.map((s) => {
          const name = localName(s, i18n.language);
          const chosen = s.categoryId === chosenId;
          const confidence = format.percent(s.confidence);
          const handler = s.handler.kind
            ? [t(`caseEnums.handlerKind.${s.handler.kind}`), s.handler.name].filter(Boolean).join(' · ')
            : t('common.empty');
          return (
            <li key={s.categoryId} className="wb-suggestion">
              <div>
                <strong>{name}</strong>
                <span className="wb-muted"> · {t(`intake.via.${s.via}`)}</span>
                <div className="wb-muted">{t('wb.labelValue', { label: t('intake.handler'), value: handler })}</div>
                <Progress
                  percent={Math.round(s.confidence * 100)}
                  size="small"
                  format={() => confidence}
                  aria-label={t('wb.labelValue', { label: t('intake.confidence'), value: confidence })}
                />
              </div>
              <Button
                type={chosen ? 'primary' : 'default'}
                icon={chosen ? <CheckOutlined aria-hidden /> : undefined}
                aria-pressed={chosen}
                aria-label={t('intake.useLabel', { name })}
                onClick={() => onChoose(s.categoryId)}
              >
                {chosen ? t('intake.chosen') : t('intake.use')}
              </Button>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <div aria-live="polite" aria-busy={state.loading}>
      {body}
    </div>
  );
}
