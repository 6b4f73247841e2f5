// Help at the kiosk for citizens who cannot read the screen: one button on the welcome screen
// turns on large text, high contrast and the voice guide together. With help on, a touch on a
// button says what it is and marks it; a second touch on the same button chooses it. Everything
// resets after each ticket (and when the kiosk is left alone).
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang, Priority, Ticket } from '../../../shared/protocol/entities.ts';
import { arabicNumberClips, englishNumberClips, letterClip } from '../../../shared/voice/clips.ts';
import { type GuideId, guideText } from '../../../shared/voice/guide.ts';
import { parseTicketNumber } from '../../../shared/voice/plan.ts';
import type { Say } from './guide-voice.ts';

export interface Assist {
  on: boolean;
  /** The button touched once, waiting for its second touch. */
  armed: string | null;
  /** With help on: the first touch says `say` and marks the button, the second runs `run`. Without: runs. */
  tap(key: string, say: Say[], run: () => void): void;
}

const AssistContext = createContext<Assist>({ on: false, armed: null, tap: (_k, _s, run) => run() });
export const AssistProvider = ({ value, children }: { value: Assist; children: ReactNode }) => <AssistContext.Provider value={value}>{children}</AssistContext.Provider>;
export const useAssist = () => useContext(AssistContext);

/** A phrase of the guide in one language. */
export const phrase = (lang: Lang, id: GuideId): Say => ({ lang, clips: [id], text: guideText(id, lang) });
/** A name the packs cannot hold (a service, a category): the hub says it. */
export const name = (lang: Lang, text: string): Say => ({ lang, text });

/** What a button says on its first touch: its name, then "touch it again to choose it". */
export const choice = (lang: Lang, what: Say): Say[] => [what, phrase(lang, 'guide-again')];

export const needPhrase = (p: Priority): GuideId => (p === 'elderly' ? 'guide-need-elderly' : p === 'disability' ? 'guide-need-disability' : p === 'pregnancy' ? 'guide-need-pregnancy' : 'guide-need-none');

/** "Your number is A 42", said with the pack's letters and numbers. */
export function yourNumber(lang: Lang, ticket: Ticket): Say {
  const parsed = parseTicketNumber(ticket.number);
  const lead = guideText('guide-your-number', lang);
  if (!parsed) return { lang, text: `${lead} ${ticket.number}` };
  const numberClips = lang === 'ar' ? arabicNumberClips(parsed.number) : englishNumberClips(parsed.number);
  return { lang, clips: ['guide-your-number', letterClip(parsed.letter), ...numberClips], text: `${lead} ${ticket.number}` };
}

/** A button's props with help: a first touch marks it (shown and said), a second chooses it. */
export function assistProps(a: Assist, key: string, say: Say[], run: () => void) {
  const armed = a.on && a.armed === key;
  return { onClick: () => a.tap(key, say, run), 'data-armed': armed ? 'true' : undefined } as const;
}

export const isArmed = (a: Assist, key: string) => a.on && a.armed === key;

/** The line under a marked button: "touch again to choose". */
export function AgainHint({ show, lang }: { show: boolean; lang?: Lang }) {
  const { t } = useTranslation(undefined, lang ? { lng: lang } : undefined);
  return show ? <span className="assist-again" data-testid="assist-again">{t('kioskAssist.again')}</span> : null;
}

