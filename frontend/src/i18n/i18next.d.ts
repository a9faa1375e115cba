import 'i18next';
import type { zhCN } from './zh-cn.resource';

// Type-checked translation keys: a typo in t('...') fails `tsc`.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
