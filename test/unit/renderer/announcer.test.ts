import { describe, expect, it } from 'vitest';
import { Announcer, type Speaker } from '../../../renderer/display/announcer.ts';

describe('hall announcer', () => {
  it('speaks one announcement at a time, in order, none lost, chime then Arabic then English', async () => {
    const log: string[] = [];
    let active = 0;
    let maxActive = 0;
    const step = async (what: string) => {
      active++;
      maxActive = Math.max(maxActive, active);
      log.push(what);
      await new Promise((r) => setTimeout(r, 2));
      active--;
    };
    const speaker: Speaker = { chime: () => step('chime'), speak: (text, lang) => step(`${lang}:${text}`) };
    const a = new Announcer(speaker);
    a.enqueue({ id: '1', text: { ar: 'واحد', en: 'one' } });
    a.enqueue({ id: '2', text: { ar: 'اثنان', en: 'two' } });
    a.enqueue({ id: '3', text: { ar: 'ثلاثة', en: 'three' } });
    while (a.pending()) await new Promise((r) => setTimeout(r, 5));
    expect(maxActive).toBe(1);
    expect(log).toEqual(['chime', 'ar:واحد', 'en:one', 'chime', 'ar:اثنان', 'en:two', 'chime', 'ar:ثلاثة', 'en:three']);
  });

  it('keeps going when the audio device fails', async () => {
    const said: string[] = [];
    const speaker: Speaker = { chime: () => Promise.reject(new Error('no audio')), speak: async (t) => void said.push(t) };
    const a = new Announcer(speaker);
    a.enqueue({ id: '1', text: { ar: 'أ', en: 'a' } });
    a.enqueue({ id: '2', text: { ar: 'ب', en: 'b' } });
    while (a.pending()) await new Promise((r) => setTimeout(r, 5));
    expect(said).toEqual(['أ', 'a', 'ب', 'b']);
  });
});
