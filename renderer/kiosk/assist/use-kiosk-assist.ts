// The kiosk's help, wired to its steps: the voice guide says each step and its choices as the
// step opens, a touch marks and says a button, a second touch chooses it; the caption shows
// what is being said (for those who hear badly, and for tests: where each part came from).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Lang, Service } from '../../../shared/protocol/entities.ts';
import type { Said, VoiceGuide } from '../../../shared/protocol/voice.ts';
import type { HubClient } from '../../hub-client.ts';
import { categoryName } from '../ServiceStep.tsx';
import type { KioskState } from '../kiosk-flow.ts';
import { type Assist, name, needPhrase, phrase, yourNumber } from './assist.tsx';
import { GuideVoice, type Say, type SaidBy } from './guide-voice.ts';

/** What a step says as it opens: its question, then its choices. */
export function stepSpeech(st: KioskState, services: Service[]): Say[] {
  const l: Lang = st.lang;
  switch (st.step) {
    case 'lang':
      return (['ar', 'en'] as const).flatMap((x) => [phrase(x, 'guide-on'), phrase(x, 'guide-language')]);
    case 'category': {
      const categories = [...new Set(services.map((s) => s.category))];
      return [phrase(l, 'guide-category'), ...categories.map((c) => name(l, categoryName(c, l, services)))];
    }
    case 'service':
      return [phrase(l, 'guide-service'), ...services.filter((s) => s.category === st.category).map((s) => name(l, s.name[l]))];
    case 'priority':
      return [phrase(l, 'guide-priority'), ...(['none', 'elderly', 'disability', 'pregnancy'] as const).map((p) => phrase(l, needPhrase(p)))];
    case 'id':
      return [phrase(l, 'guide-id')];
    case 'checkin':
      return [phrase(l, 'guide-checkin')];
    case 'issuing':
      return [phrase(l, 'guide-printing')];
    case 'ticket':
      return st.ticket ? [yourNumber(l, st.ticket), phrase(l, 'guide-take')] : [];
    case 'error':
      return [phrase(l, 'guide-error')];
  }
}

/** What the guide is saying, a part per language in turn, and where each thing said came from. */
export interface Caption {
  parts: { lang: Lang; text: string }[];
  by: SaidBy[];
}

export function useKioskAssist(hub: HubClient, st: KioskState, services: Service[]) {
  const voice = useRef<GuideVoice | null>(null);
  const [armed, setArmed] = useState<string | null>(null);
  const [caption, setCaption] = useState<Caption | null>(null);

  const guide = useCallback((): GuideVoice => {
    if (!voice.current) {
      voice.current = new GuideVoice({
        guide: (lang) => hub.get<VoiceGuide>(`/api/v1/voice/guide?lang=${lang}`),
        speak: (lang, text) => hub.post<Said>('/api/v1/voice/speak', { lang, text }),
        audio: (url) => hub.audio(url),
      });
      voice.current.onSaid = (said) => {
        const parts: Caption['parts'] = [];
        for (const s of said) {
          const last = parts[parts.length - 1];
          // Choices read one after another are a list: "Elderly, Disability, Pregnancy".
          if (last?.lang === s.lang) last.text += /[.?!:،,؟]$/.test(last.text) ? ` ${s.text}` : `${s.lang === 'ar' ? '،' : ','} ${s.text}`;
          else parts.push({ lang: s.lang, text: s.text });
        }
        setCaption({ parts, by: said.map((s) => s.by) });
      };
    }
    return voice.current;
  }, [hub]);
  useEffect(() => () => voice.current?.close(), []);

  // Each step says itself as it opens (and again when the language or the choices change): the
  // memo's keys are what the speech depends on, so a new hall snapshot does not say it again.
  const choices = services.map((s) => `${s.id}:${s.category}`).join(',');
  const said = useMemo(() => (st.assist ? stepSpeech(st, services) : []), [st.assist, st.step, st.lang, st.category, st.ticket?.id, choices]);
  useEffect(() => {
    setArmed(null);
    if (!st.assist) {
      voice.current?.stop();
      setCaption(null);
      return;
    }
    if (said.length) void guide().say(said);
  }, [said, st.assist, guide]);

  /** The touch on the welcome screen's help button: audio may start only from a touch. */
  const start = useCallback(() => guide().unlock(), [guide]);
  const repeat = useCallback(() => void guide().say(said), [guide, said]);

  const assist: Assist = useMemo(() => ({
    on: st.assist,
    armed,
    tap(key, say, run) {
      if (!st.assist) return run();
      if (armed === key) {
        setArmed(null);
        return run();
      }
      setArmed(key);
      void guide().say(say);
    },
  }), [st.assist, armed, guide]);

  return { assist, caption, start, repeat };
}
