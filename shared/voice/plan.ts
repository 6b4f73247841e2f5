// A call → the clips that say it: the chime once, then per language (Arabic first, as the branch
// configures) "الرقم" / "Ticket", the prefix letter, the number, "إلى الشباك رقم" / "counter", the
// counter's number. Pure: the hub's plan route and the display both use it.
import { arabicNumberWords } from './arabic-number-words.ts';
import { CHIME, VOICE_LANGS, type VoiceLang, arabicLetterName, arabicNumberClips, englishNumberClips, letterClip } from './clips.ts';

export interface CallPart {
  lang: VoiceLang;
  /** The sentence this part says, for speech synthesis when a clip is missing, and for people. */
  text: string;
  clips: string[];
}

export interface CallPlan {
  /** The chime, played once before the first language (from that language's pack). */
  chime: typeof CHIME;
  parts: CallPart[];
}

export interface ParsedTicket {
  letter: string;
  number: number;
}

/** "A-125", "A125", "a-007" → { letter: 'A', number: 125 }; undefined if it is not a ticket number. */
export function parseTicketNumber(s: string): ParsedTicket | undefined {
  const m = /^([A-Za-z])-?(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  return { letter: m[1]!.toUpperCase(), number: Number(m[2]) };
}

export function planCall(ticket: ParsedTicket, counter: number, langs: readonly VoiceLang[] = VOICE_LANGS): CallPlan {
  if (!Number.isInteger(counter) || counter < 0 || counter > 999) throw new RangeError(`counter 0–999 only, got ${counter}`);
  const parts = langs.map((lang): CallPart => {
    if (lang === 'ar') {
      return {
        lang,
        text: `الرقم ${arabicLetterName(ticket.letter)} ${arabicNumberWords(ticket.number)}، إلى الشباك رقم ${arabicNumberWords(counter)}`,
        clips: ['ticket', letterClip(ticket.letter), ...arabicNumberClips(ticket.number), 'counter', ...arabicNumberClips(counter)],
      };
    }
    return {
      lang,
      text: `Ticket ${ticket.letter} ${ticket.number}, counter ${counter}`,
      clips: ['ticket', letterClip(ticket.letter), ...englishNumberClips(ticket.number), 'counter', ...englishNumberClips(counter)],
    };
  });
  return { chime: CHIME, parts };
}
