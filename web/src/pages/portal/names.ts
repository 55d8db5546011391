import type { CategoryName } from '../../api/portal';

/** A category's name in the UI language. */
export function categoryName(category: CategoryName, language: string): string {
  return language === 'en' ? category.nameEn : category.nameZh;
}
