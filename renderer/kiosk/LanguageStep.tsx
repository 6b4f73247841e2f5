// The first screen: a welcome in both languages, the choice of language, and help (large text,
// high contrast and the voice guide) for those who cannot read the screen.
import { useHall } from '../store/hall-store.ts';
import type { Lang } from '../../shared/protocol/entities.ts';
import { Icon } from '../ui/Icon.tsx';
import { AgainHint, assistProps, choice, isArmed, phrase, useAssist } from './assist/assist.tsx';

export function LanguageStep({ onPick, onAssist }: { onPick: (l: Lang) => void; onAssist: () => void }) {
  const branch = useHall((s) => s.branch);
  const a = useAssist();
  const button = (lang: Lang, label: string) => (
    <button type="button" className="kiosk-btn primary huge" lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'} {...assistProps(a, `lang:${lang}`, choice(lang, phrase(lang, 'guide-this-language')), () => onPick(lang))} data-testid={`kiosk-lang-${lang}`}>
      {label}
      <AgainHint show={isArmed(a, `lang:${lang}`)} lang={lang} />
    </button>
  );
  return (
    <section className="kiosk-step kiosk-center kiosk-welcome" data-testid="kiosk-lang">
      <span className="brand-huge" aria-hidden="true">دور</span>
      {branch && (
        <p className="kiosk-branch">
          <span lang="ar" dir="rtl">{branch.name.ar}</span>
          <span lang="en" dir="ltr">{branch.name.en}</span>
        </p>
      )}
      <h1 className="kiosk-welcome-title">
        <span lang="ar" dir="rtl">أهلًا بكم، اختر اللغة</span>
        <span lang="en" dir="ltr">Welcome, choose your language</span>
      </h1>
      <div className="kiosk-lang-buttons">
        {button('ar', 'العربية')}
        {button('en', 'English')}
      </div>
      {!a.on && (
        <button type="button" className="kiosk-btn assist-start" onClick={onAssist} data-testid="kiosk-assist">
          <Icon name="sound" size={56} />
          <span className="assist-start-text">
            <span lang="ar" dir="rtl">مساعدة: خط كبير وتوجيه صوتي</span>
            <span lang="en" dir="ltr">Help: large text and voice guide</span>
          </span>
        </button>
      )}
    </section>
  );
}
