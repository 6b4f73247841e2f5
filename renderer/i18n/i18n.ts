// i18next with the two catalogues; plural forms come from Intl.PluralRules (Arabic has six).
// The document's `lang` and `dir` follow the chosen language.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './ar.json';
import en from './en.json';
// The citizen's side (booking, check-in, notifications, appointments) in catalogues of their own.
import citizenAr from './citizen.ar.json';
import citizenEn from './citizen.en.json';
import { useSettings } from './settings-store.ts';
import type { Lang } from '../../shared/protocol/entities.ts';

type Catalogue = { [key: string]: string | string[] | Catalogue };
/** `b`'s keys added into `a`, object by object (a later catalogue may add keys to a section such as `screens`). */
function merge(a: Catalogue, b: Catalogue): Catalogue {
  const out: Catalogue = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = prev && typeof prev === 'object' && !Array.isArray(prev) && typeof v === 'object' && !Array.isArray(v) ? merge(prev, v) : v;
  }
  return out;
}

export const dirOf = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');

export function setupI18n(doc: Document): typeof i18next {
  const lang = useSettings.getState().lang;
  void i18next.use(initReactI18next).init({
    resources: { ar: { translation: merge(ar, citizenAr) }, en: { translation: merge(en, citizenEn) } },
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
