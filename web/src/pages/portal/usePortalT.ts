import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import { portalEn } from '../../i18n/portal.en';
import { portalZhCN } from '../../i18n/portal.zh-CN';

// The portal's texts join the resources when the first portal page loads, as a namespace of
// their own: the sign-in page and the staff workbench do not carry them.
const PORTAL_NS = 'portal';
i18n.addResourceBundle('zh-CN', PORTAL_NS, portalZhCN, true, true);
i18n.addResourceBundle('en', PORTAL_NS, portalEn, true, true);

/** Every key of the portal texts, as a dotted path ('submit.title'). */
type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type PortalKey = Paths<typeof portalZhCN>;
export type PortalT = (key: PortalKey, options?: Record<string, unknown>) => string;

/**
 * The portal's texts (i18n/portal.*.ts) live outside the app's typed resources; this hook gives
 * them the same compile-time key checking. It re-renders on a language change like useTranslation.
 */
export function usePortalT(): { t: PortalT; language: string } {
  const { i18n: instance } = useTranslation();
  const language = instance.language;
  const t = useMemo<PortalT>(() => {
    const fixed = instance.getFixedT(language, PORTAL_NS as never) as unknown as (key: string, options?: object) => string;
    return (key, options) => fixed(key, options);
  }, [instance, language]);
  return { t, language };
}
