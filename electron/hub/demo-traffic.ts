// A demo hall that lives (`--demo-traffic`, used by `./dawr central --demo`): citizens arrive,
// clerks open their counters, call, serve, sometimes miss a citizen or take a break, citizens rate
// — all through the hall's own commands (hall.execute), in real time with service times shortened,
// so the hall's screens and central's live dashboard move. Not for a real hall.
import type { Actor } from '../../shared/domain/commands.ts';
import type { Hall } from './hall.ts';
import { seededRandom } from '../../shared/domain/random.ts';

type Phase = { kind: 'idle' } | { kind: 'called'; ticketId: string; until: number } | { kind: 'serving'; ticketId: string; until: number } | { kind: 'break'; until: number };

export function startDemoTraffic(hall: Hall, clerks: ReadonlyMap<string, string>, o: { ticketsPerHour?: number; tickMs?: number; serviceSeconds?: number; seed?: number } = {}) {
  const tickMs = o.tickMs ?? 2000;
  const perTick = (o.ticketsPerHour ?? 90) * (tickMs / 3_600_000);
  const serviceMs = (o.serviceSeconds ?? 150) * 1000;
  const random = seededRandom(o.seed ?? 1);
  const phases = new Map<string, Phase>();
  const kiosk: Actor = { id: 'demo-kiosk', role: 'kiosk' };
  const clerk = (counterId: string): Actor => ({ id: clerks.get(counterId) ?? `clerk-${counterId}`, role: 'clerk' });
  let busy = false;
  let owed = 0;

  async function tick(): Promise<void> {
    const now = hall.now();
    const services = [...hall.state.services.values()].filter((x) => x.active);
    // Arrivals at the given rate, spread over the ticks with a random jitter.
    owed += perTick * (0.5 + random());
    for (; owed >= 1 && services.length; owed--) {
      const svc = services[Math.floor(random() * services.length)]!;
      const r = random();
      await hall.execute({ type: 'issue', serviceId: svc.id, lang: random() < 0.85 ? 'ar' : 'en', priority: r < 0.06 ? 'elderly' : 'none', identityVerified: false }, kiosk);
    }
    for (const c of hall.state.counters.values()) {
      const actor = clerk(c.id);
      const ph = phases.get(c.id) ?? { kind: 'idle' };
      if (c.state === 'closed' && ph.kind !== 'break') {
        await hall.execute({ type: 'openCounter', counterId: c.id }, actor);
        phases.set(c.id, { kind: 'idle' });
        continue;
      }
      if (ph.kind === 'break') {
        if (now >= ph.until) {
          await hall.execute({ type: 'openCounter', counterId: c.id }, actor);
          phases.set(c.id, { kind: 'idle' });
        }
        continue;
      }
      if (ph.kind === 'called' && now >= ph.until) {
        if (random() < 0.05) {
          await hall.execute({ type: 'noShow', ticketId: ph.ticketId }, actor);
          phases.set(c.id, { kind: 'idle' });
        } else {
          await hall.execute({ type: 'start', ticketId: ph.ticketId }, actor);
          phases.set(c.id, { kind: 'serving', ticketId: ph.ticketId, until: now + serviceMs * (0.4 + 1.2 * random()) });
        }
        continue;
      }
      if (ph.kind === 'serving' && now >= ph.until) {
        await hall.execute({ type: 'complete', ticketId: ph.ticketId }, actor);
        if (random() < 0.3) await hall.execute({ type: 'rate', ticketId: ph.ticketId, rating: [5, 5, 4, 4, 4, 3, 2][Math.floor(random() * 7)]! }, { id: `track:${ph.ticketId}`, role: 'kiosk' });
        phases.set(c.id, { kind: 'idle' });
        continue;
      }
      if (ph.kind !== 'idle') continue;
      if (random() < 0.002) {
        await hall.execute({ type: 'break', counterId: c.id }, actor);
        phases.set(c.id, { kind: 'break', until: now + (3 + random() * 5) * 60_000 });
        continue;
      }
      const out = await hall.execute({ type: 'callNext', counterId: c.id }, actor);
      const called = out.ok ? out.events.find((e) => e.type === 'ticket.called') : undefined;
      if (called && called.type === 'ticket.called') phases.set(c.id, { kind: 'called', ticketId: called.ticketId, until: now + (10 + random() * 30) * 1000 });
    }
  }

  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    tick().catch(() => undefined).finally(() => (busy = false));
  }, tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
