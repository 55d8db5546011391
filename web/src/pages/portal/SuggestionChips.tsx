import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { isAbort } from '../../api/client';
import { suggestCategories, type CategorySuggestion } from '../../api/portal';
import { categoryName } from './names';
import { usePortalT } from './usePortalT';

const MIN_TEXT = 4;
const DEBOUNCE_MS = 400;
const MIN_CONFIDENCE = 0.02;

/** Categories the server's suggester proposes for the text typed so far, refreshed as it changes. */
function useSuggestions(text: string): { items: CategorySuggestion[]; loading: boolean } {
  const [items, setItems] = useState<CategorySuggestion[]>([]);
  const [loading, setLoading] = useState(false);
  const query = text.trim();

  useEffect(() => {
    if (query.length < MIN_TEXT) {
      setItems([]);
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      suggestCategories(query, controller.signal).then(
        (found) => {
          const likely = found.filter((s) => s.confidence >= MIN_CONFIDENCE);
          setItems(likely.length > 0 ? likely : found.slice(0, 1));
          setLoading(false);
        },
        (error: unknown) => {
          if (isAbort(error)) return;
          setItems([]); // suggestions are a help only: the picker below still works
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  return { items, loading };
}

interface Props {
  text: string;
  selected: number | undefined;
  onPick(categoryId: number): void;
}

/** Tappable chips with the likely categories; a screen reader hears when new ones appear. */
export function SuggestionChips({ text, selected, onPick }: Props) {
  const { t, language } = usePortalT();
  const { items, loading } = useSuggestions(text);
  return (
    <div className="portal-chips" aria-live="polite" data-testid="suggestions">
      {items.length > 0 && <p className="portal-chips-label">{t('submit.suggestions')}</p>}
      {items.length === 0 && loading && <p className="portal-chips-label">{t('submit.suggestionsLoading')}</p>}
      {items.map((s) => (
        <Button
          key={s.categoryId}
          className="portal-chip"
          type={selected === s.categoryId ? 'primary' : 'default'}
          aria-pressed={selected === s.categoryId}
          onClick={() => onPick(s.categoryId)}
        >
          {categoryName(s, language)}
        </Button>
      ))}
    </div>
  );
}
