// The head of the citizen's phone pages (tracking, rating, booking, suggestions): the mark and
// the language switch.
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function CitizenHeader() {
  return (
    <header className="track-head">
      <span className="brand-big" aria-hidden="true">دور</span>
      <LanguageSwitch />
    </header>
  );
}
