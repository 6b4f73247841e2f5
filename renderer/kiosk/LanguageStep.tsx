// The first screen: a welcome in both languages and the choice of language.
import { useHall } from '../store/hall-store.ts';
import type { Lang } from '../../shared/protocol/entities.ts';

export function LanguageStep({ onPick }: { onPick: (l: Lang) => void }) {
  const branch = useHall((s) => s.branch);
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
        <button type="button" className="kiosk-btn primary huge" lang="ar" dir="rtl" onClick={() => onPick('ar')} data-testid="kiosk-lang-ar">العربية</button>
        <button type="button" className="kiosk-btn primary huge" lang="en" dir="ltr" onClick={() => onPick('en')} data-testid="kiosk-lang-en">English</button>
      </div>
    </section>
  );
}
