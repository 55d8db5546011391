import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listCategories, type Category } from '../../api/cases';
import { useShowError } from '../../components/useApi';

/** A server object named in both languages, shown in the UI language. */
export function localName(named: { nameZh: string; nameEn: string }, language: string): string {
  return language === 'en' ? named.nameEn : named.nameZh;
}

export interface CategoryTreeNode {
  value: number;
  title: string;
  selectable: boolean;
  children?: CategoryTreeNode[];
}

export interface CategoryCatalogue {
  items: Category[];
  byId: ReadonlyMap<number, Category>;
  /** Groups with their categories; only categories (the leaves) can be chosen. */
  tree: CategoryTreeNode[];
  name(category: { nameZh: string; nameEn: string }): string;
}

/** The category catalogue (事项清单) as a tree for pickers, named in the UI language. */
export function useCategories(): CategoryCatalogue {
  const { i18n } = useTranslation();
  const showError = useShowError();
  const [items, setItems] = useState<Category[]>([]);

  useEffect(() => {
    let live = true;
    listCategories().then(
      (categories) => live && setItems(categories),
      (error: unknown) => live && showError(error),
    );
    return () => {
      live = false;
    };
  }, [showError]);

  const language = i18n.language;
  return useMemo(() => {
    const name = (c: { nameZh: string; nameEn: string }) => localName(c, language);
    const byId = new Map(items.map((c) => [c.id, c]));
    const childrenOf = (id: number | null) => items.filter((c) => c.parentId === id);
    const toNode = (c: Category): CategoryTreeNode => {
      const children = childrenOf(c.id);
      return children.length
        ? { value: c.id, title: name(c), selectable: false, children: children.map(toNode) }
        : { value: c.id, title: name(c), selectable: true };
    };
    return { items, byId, tree: childrenOf(null).map(toNode), name };
  }, [items, language]);
}
