// The screen's language and digit choice, remembered on this device.
import { create } from 'zustand';
import type { Lang } from '../../shared/protocol/entities.ts';
import type { Digits } from '../../shared/i18n/format.ts';

const read = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
  try {
    const v = localStorage.getItem(key);
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
};

type Settings = { lang: Lang; digits: Digits; setLang: (l: Lang) => void; setDigits: (d: Digits) => void };

export const useSettings = create<Settings>((set) => ({
  lang: read('dawr.lang', ['ar', 'en'] as const, 'ar'),
  digits: read('dawr.digits', ['arab', 'latn'] as const, 'arab'),
  setLang: (lang) => {
    localStorage.setItem('dawr.lang', lang);
    set({ lang });
  },
  setDigits: (digits) => {
    localStorage.setItem('dawr.digits', digits);
    set({ digits });
  },
}));
