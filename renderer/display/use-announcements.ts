// Turns every ticket.called and ticket.recalled on the stream into one queued announcement.
// A snapshot (start or resync) announces nothing: only live calls are spoken.
import { useEffect, useRef, useState } from 'react';
import { useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import { Announcer, type Announcement } from './announcer.ts';
import { BrowserSpeaker } from './browser-speaker.ts';
import { callText } from '../../shared/voice/arabic-number-words.ts';

export function useAnnouncements() {
  const hub = useHub();
  const speaker = useRef<BrowserSpeaker | null>(null);
  const announcer = useRef<Announcer | null>(null);
  const [current, setCurrent] = useState<Announcement | null>(null);
  const [flash, setFlash] = useState<{ ticketId: string; key: number } | null>(null);
  const [soundLocked, setSoundLocked] = useState(true);

  useEffect(() => {
    speaker.current = new BrowserSpeaker();
    announcer.current = new Announcer(speaker.current, setCurrent);
    void speaker.current.unlock().then((ok) => setSoundLocked(!ok));
    let n = 0;
    return hub.subscribe({
      event: (e) => {
        if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') return;
        const st = useHall.getState();
        const ticket = st.tickets[e.ticketId];
        const counter = st.counters.find((c) => c.id === e.counterId);
        if (!ticket || !counter) return;
        setFlash({ ticketId: e.ticketId, key: ++n });
        announcer.current?.enqueue({ id: `${e.seq}`, text: callText(ticket.number, counter.number) });
      },
    });
  }, [hub]);

  const unlock = async () => setSoundLocked(!(await speaker.current?.unlock()));
  return { current, flash, soundLocked, unlock };
}
