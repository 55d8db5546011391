import 'i18next';
import type { workbenchZhCN } from './workbench.zh-CN';
import type { zhCN } from './zh-CN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The workbench's strings join the same namespace when the signed-in layout loads (see index.ts).
    resources: { translation: typeof zhCN & typeof workbenchZhCN };
    returnNull: false;
  }
}
