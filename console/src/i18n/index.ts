import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';

export const i18n = i18next;

/** English and Chinese; the choice is kept in localStorage, else the browser's language. */
export function initI18n(lng?: string): void {
  const saved = lng ?? localStorage.getItem('chainwatch.lang') ?? (navigator.language.startsWith('zh') ? 'zh' : 'en');
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, zh: { translation: zh } },
    lng: saved, fallbackLng: 'en', interpolation: { escapeValue: false },
  });
  document.documentElement.lang = saved;
}
