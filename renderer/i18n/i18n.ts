// i18next with the two catalogues; plural forms come from Intl.PluralRules (Arabic has six).
// The document's `lang` and `dir` follow the chosen language.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './ar.json';
import en from './en.json';
import { useSettings } from './settings-store.ts';
import type { Lang } from '../../shared/protocol/entities.ts';

export const dirOf = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');

export function setupI18n(doc: Document): typeof i18next {
  const lang = useSettings.getState().lang;
  void i18next.use(initReactI18next).init({
    resources: { ar: { translation: ar }, en: { translation: en } },
    lng: lang,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const apply = (l: Lang) => {
    doc.documentElement.lang = l;
    doc.documentElement.dir = dirOf(l);
  };
  apply(lang);
  useSettings.subscribe((s, prev) => {
    if (s.lang === prev.lang) return;
    void i18next.changeLanguage(s.lang);
    apply(s.lang);
  });
  return i18next;
}
