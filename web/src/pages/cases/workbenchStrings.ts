// Importing this module adds the staff workbench's strings (menu labels included) to the
// translation resources. The signed-in layout imports it, so the sign-in page does not load them.
import { addTranslations } from '../../i18n';
import { workbenchEn } from '../../i18n/workbench.en';
import { workbenchZhCN } from '../../i18n/workbench.zh-CN';

addTranslations({ 'zh-CN': workbenchZhCN, en: workbenchEn });
