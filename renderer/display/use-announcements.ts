// Turns every ticket.called and ticket.recalled on the stream into one queued announcement.
// A snapshot (start or resync) announces nothing: only live calls are spoken.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import { Announcer, type Announcement } from './announcer.ts';
import { BrowserSpeaker } from './browser-speaker.ts';
import { callText } from '../../shared/voice/arabic-number-words.ts';
import { DEFAULT_DISPLAY_SOUND, type DisplaySound, type VoiceClipsResponse, type VoicePlan } from '../../shared/protocol/voice.ts';
import { inQuietHours } from '../../shared/voice/quiet-hours.ts';
import type { HubClient } from '../hub-client.ts';
import { rememberSound, soundPreference } from './sound-preference.ts';

/**
 * The display's sound: `checking` at start; `on`; `locked` when the browser blocks audio until
 * someone touches the screen (autoplay); `off` when someone chose to keep this screen silent.
 */
export type SoundState = 'checking' | 'on' | 'locked' | 'off';

/**
 * Tells the dashboard whether this display can make a sound (device health, device "audio"):
 * a browser that blocks autoplay keeps the hall silent until someone taps the screen. Only a
 * paired display reports; a signed-in person looking at the page is refused, which is fine.
 */
function reportAudio(hub: HubClient, s: 'on' | 'locked' | 'off'): void {
  const body =
    s === 'on' ? { device: 'audio', state: 'connected' }
    : s === 'off' ? { device: 'audio', state: 'disconnected', detail: 'sound turned off on this display' }
    : { device: 'audio', state: 'error', detail: 'sound blocked until someone taps the screen (autoplay)' };
  void hub.post('/api/v1/devices/health', body).catch(() => {});
}

/**
 * Tells the dashboard and the Voice tab which voice this display speaks with (device "voice"): the
 * hall's packs (`pack:<ar>,<en>` — every clip loaded), only the browser's speech synthesis
 * (`browser-speech`: no pack reached it), or none at all (`none`); and a display muted by its
 * volume (device "audio", `muted`). The details are codes the screens word in their language.
 */
function reportVoice(hub: HubClient, clips: number, settings: VoiceClipsResponse['settings'] | undefined): void {
  const body = clips > 0 && settings
    ? { device: 'voice', state: 'connected', detail: `pack:${settings.languages.map((l) => settings.packs[l]).join(',')}` }
    : { device: 'voice', state: 'error', detail: typeof speechSynthesis === 'undefined' ? 'none' : 'browser-speech' };
  void hub.post('/api/v1/devices/health', body).catch(() => {});
}

/** How often a display asks for its volume and quiet hours (an admin's change reaches it within this). */
const SOUND_SETTINGS_EVERY_MS = 30_000;

export function useAnnouncements() {
  const hub = useHub();
  const speaker = useRef<BrowserSpeaker | null>(null);
  const announcer = useRef<Announcer | null>(null);
  const [current, setCurrent] = useState<Announcement | null>(null);
  const [flash, setFlash] = useState<{ ticketId: string; key: number } | null>(null);
  const [sound, setSound] = useState<SoundState>(() => (soundPreference() === 'off' ? 'off' : 'checking'));
  // Read by the stream's listener: a silent screen still shows and flashes each call, and says it to screen readers.
  const silent = useRef(sound === 'off');
  // This display's volume and quiet hours, set in admin (Devices → Sound).
  const [settings, setSettings] = useState<DisplaySound>(DEFAULT_DISPLAY_SOUND);
  const settingsRef = useRef(settings);
  const quietNow = () => inQuietHours(settingsRef.current.quiet, Date.now(), useHall.getState().branch?.timeZone ?? 'Asia/Riyadh');
  const [quiet, setQuiet] = useState(false);
  const mutedReported = useRef(false);

  useEffect(() => {
    const load = () =>
      void hub.get<DisplaySound>('/api/v1/voice/display-sound').then((s) => {
        // Muted by its volume (or back from it): the dashboard is told.
        if ((s.volume === 0) !== (settingsRef.current.volume === 0) || (s.volume === 0 && !mutedReported.current)) {
          mutedReported.current = true;
          void hub.post('/api/v1/devices/health', s.volume === 0 ? { device: 'audio', state: 'disconnected', detail: 'muted' } : { device: 'audio', state: 'connected' }).catch(() => {});
        }
        settingsRef.current = s;
        setSettings(s);
        speaker.current?.setVolume(s.volume / 100);
        setQuiet(quietNow());
      }).catch(() => {});
    load();
    const every = setInterval(load, SOUND_SETTINGS_EVERY_MS);
    // The header says "quiet hours" while they last.
    const tick = setInterval(() => setQuiet(quietNow()), 15_000);
    return () => {
      clearInterval(every);
      clearInterval(tick);
    };
  }, [hub]);

  useEffect(() => {
    speaker.current = new BrowserSpeaker({
      plan: (number, counter) => hub.get<VoicePlan>(`/api/v1/voice/plan?number=${encodeURIComponent(number)}&counter=${counter}`),
      clips: () => hub.get<VoiceClipsResponse>('/api/v1/voice/clips'),
      audio: (url) => hub.audio(url),
    });
    announcer.current = new Announcer(speaker.current, setCurrent);
    if (silent.current) reportAudio(hub, 'off');
    else {
      void speaker.current.preload().then(async (clips) => {
        const settings = clips > 0 ? await hub.get<VoiceClipsResponse>('/api/v1/voice/clips').then((r) => r.settings, () => undefined) : undefined;
        reportVoice(hub, clips, settings);
      });
      void speaker.current.unlock().then((ok) => {
        if (silent.current) return;
        setSound(ok ? 'on' : 'locked');
        reportAudio(hub, ok ? 'on' : 'locked');
      });
    }
    let n = 0;
    return hub.subscribe({
      event: (e) => {
        if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') return;
        const st = useHall.getState();
        const ticket = st.tickets[e.ticketId];
        const counter = st.counters.find((c) => c.id === e.counterId);
        if (!ticket || !counter) return;
        setFlash({ ticketId: e.ticketId, key: ++n });
        const a = { id: `${e.seq}`, text: callText(ticket.number, counter.number), call: { number: ticket.number, counter: counter.number } };
        // Silent by choice or in quiet hours: shown and flashed, said to screen readers, not heard.
        if (silent.current || quietNow()) setCurrent(a);
        else announcer.current?.enqueue(a);
      },
    });
  }, [hub]);

  /** A tap (the button, or anywhere on a locked screen): browsers start audio only after one. Remembered once it works. */
  const enable = useCallback(async () => {
    silent.current = false;
    const ok = Boolean(await speaker.current?.unlock());
    setSound(ok ? 'on' : 'locked');
    if (ok) {
      rememberSound('on');
      void speaker.current?.preload();
    }
    reportAudio(hub, ok ? 'on' : 'locked');
  }, [hub]);

  const keepSilent = useCallback(() => {
    silent.current = true;
    rememberSound('off');
    setSound('off');
    reportAudio(hub, 'off');
  }, [hub]);

  return { current, flash, sound, enable, keepSilent, volume: settings.volume, quiet };
}
