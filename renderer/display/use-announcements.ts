// Turns every ticket.called and ticket.recalled on the stream into one queued announcement.
// A snapshot (start or resync) announces nothing: only live calls are spoken.
import { useEffect, useRef, useState } from 'react';
import { useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import { Announcer, type Announcement } from './announcer.ts';
import { BrowserSpeaker } from './browser-speaker.ts';
import { callText } from '../../shared/voice/arabic-number-words.ts';
import type { VoiceClipsResponse, VoicePlan } from '../../shared/protocol/voice.ts';
import type { HubClient } from '../hub-client.ts';

/**
 * Tells the dashboard whether this display can make a sound (device health, device "audio"):
 * a browser that blocks autoplay keeps the hall silent until someone taps the screen. Only a
 * paired display reports; a signed-in person looking at the page is refused, which is fine.
 */
function reportAudio(hub: HubClient, ok: boolean): void {
  void hub.post('/api/v1/devices/health', ok ? { device: 'audio', state: 'connected' } : { device: 'audio', state: 'error', detail: 'sound blocked until someone taps the screen (autoplay)' }).catch(() => {});
}

export function useAnnouncements() {
  const hub = useHub();
  const speaker = useRef<BrowserSpeaker | null>(null);
  const announcer = useRef<Announcer | null>(null);
  const [current, setCurrent] = useState<Announcement | null>(null);
  const [flash, setFlash] = useState<{ ticketId: string; key: number } | null>(null);
  const [soundLocked, setSoundLocked] = useState(true);

  useEffect(() => {
    speaker.current = new BrowserSpeaker({
      plan: (number, counter) => hub.get<VoicePlan>(`/api/v1/voice/plan?number=${encodeURIComponent(number)}&counter=${counter}`),
      clips: () => hub.get<VoiceClipsResponse>('/api/v1/voice/clips'),
      audio: (url) => hub.audio(url),
    });
    announcer.current = new Announcer(speaker.current, setCurrent);
    void speaker.current.preload();
    void speaker.current.unlock().then((ok) => {
      setSoundLocked(!ok);
      reportAudio(hub, ok);
    });
    let n = 0;
    return hub.subscribe({
      event: (e) => {
        if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') return;
        const st = useHall.getState();
        const ticket = st.tickets[e.ticketId];
        const counter = st.counters.find((c) => c.id === e.counterId);
        if (!ticket || !counter) return;
        setFlash({ ticketId: e.ticketId, key: ++n });
        announcer.current?.enqueue({ id: `${e.seq}`, text: callText(ticket.number, counter.number), call: { number: ticket.number, counter: counter.number } });
      },
    });
  }, [hub]);

  const unlock = async () => {
    const ok = Boolean(await speaker.current?.unlock());
    setSoundLocked(!ok);
    reportAudio(hub, ok);
  };
  return { current, flash, soundLocked, unlock };
}
