// The demo hall's past: a few generated weeks (through the real domain code and event store), so
// Reports has a last month to show on a fresh demo. Only on a log that has no past day yet.
import type { AuthStore } from '../auth/auth-store.ts';
import type { Hall } from '../hall.ts';
import type { Db } from '../store/database.ts';
import type { EventStore } from '../store/event-store.ts';
import { type CommentsByRating, generateHistory } from './history.ts';

// Each rating's comment agrees with its stars (issue 27 point 8: a 1-star rating praised the
// service); mostly Arabic, some English, as a hall's citizens write them.
const COMMENTS: CommentsByRating = {
  low: ['طال الانتظار أكثر من المتوقع', 'الشاشة لم تعلن رقمي بوضوح', 'لم تُحل مشكلتي وطُلب مني العودة غداً', 'Waited over an hour and the counter closed', 'Nobody explained which papers I needed'],
  mid: ['الخدمة مقبولة لكن الانتظار طويل', 'الموظف متعاون لكن الإجراءات معقدة', 'Fine in the end, but the queue was slow'],
  high: ['خدمة ممتازة وسريعة', 'الموظف متعاون جداً', 'شكراً على حسن الاستقبال', 'Quick and friendly, thank you', 'Done in ten minutes, well organised'],
};

export function seedDemoHistory(deps: { db: Db; events: EventStore; hall: Hall; auth: AuthStore }, days: number, shape: { ticketsPerDay: number; seed: number } = { ticketsPerDay: 330, seed: 42 }): number {
  const { db, events, hall, auth } = deps;
  const today = hall.state.day;
  if (days <= 0 || db.prepare('SELECT 1 FROM events WHERE day < ? LIMIT 1').get(today)) return 0;
  const from = new Date(`${today}T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - days);
  const yesterday = new Date(`${today}T00:00:00Z`);
  yesterday.setUTCDate(yesterday.getUTCDate() - 1);
  const users = new Map(auth.users().map((u) => [u.username, u.id]));
  const counters = [...hall.state.counters.values()].map(({ id, number, name, serviceIds }) => ({ id, number, name, serviceIds }));
  const clerks = new Map(counters.map((c) => [c.id, users.get(`clerk${c.number}`) ?? `clerk${c.number}`]));
  return generateHistory({
    events, branch: hall.state.branch, services: [...hall.state.services.values()], counters, clerks,
    from: from.toISOString().slice(0, 10), to: yesterday.toISOString().slice(0, 10), ticketsPerDay: shape.ticketsPerDay, seed: shape.seed, comments: COMMENTS,
  }).tickets;
}
