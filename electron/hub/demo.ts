// The demo hall: one branch modelled on a municipal citizen service hall (../shared/seeds), its
// services, eight counters each serving a few services, and staff of every role.
import type { Service } from '../../shared/protocol/entities.ts';
import { type BookingRule, DEFAULT_BOOKING_RULE } from '../../shared/protocol/appointments.ts';
import { SEED_SERVICES as DEMO_SERVICES } from '../../shared/demo/services.ts';
import type { AuthStore } from './auth/auth-store.ts';
import { hashPassword } from '../node-common/passwords.ts';
import type { Hall } from './hall.ts';

export const DEMO_BRANCH = { id: 'homs-hall', name: { ar: 'قاعة خدمة المواطن — المركز', en: 'Citizen Service Hall — Centre' }, timeZone: 'Asia/Riyadh' };

export { DEMO_SERVICES };

const SERVED_BY: string[][] = [
  ['building-permits', 'land-planning'],
  ['building-permits', 'land-planning'],
  ['commercial-licences'],
  ['commercial-licences', 'fees-payments'],
  ['inspection-940', 'reception'],
  ['fees-payments', 'certificates'],
  ['certificates', 'reception'],
  ['reception', 'inspection-940', 'fees-payments'],
];

export const DEMO_COUNTERS = SERVED_BY.map((serviceIds, i) => ({
  id: `counter-${i + 1}`,
  number: i + 1,
  name: { ar: `الشباك ${i + 1}`, en: `Counter ${i + 1}` },
  serviceIds,
}));

/**
 * Demo halls of different shapes (the central demo runs one hub of each): the main hall, a
 * smaller neighbourhood centre of the same municipality, and a centre of another municipality.
 */
export interface DemoProfile {
  branch: { id: string; name: { ar: string; en: string }; timeZone: string };
  services: Service[];
  counters: typeof DEMO_COUNTERS;
  ticketsPerDay: number;
  seed: number;
}
const pick = (ids: string[]) => DEMO_SERVICES.filter((s) => ids.includes(s.id));
const countersOf = (served: string[][]) => served.map((serviceIds, i) => ({ id: `counter-${i + 1}`, number: i + 1, name: { ar: `الشباك ${i + 1}`, en: `Counter ${i + 1}` }, serviceIds }));
export const DEMO_PROFILES: Record<string, DemoProfile> = {
  centre: { branch: DEMO_BRANCH, services: DEMO_SERVICES, counters: DEMO_COUNTERS, ticketsPerDay: 330, seed: 42 },
  waer: {
    branch: { id: 'homs-waer', name: { ar: 'مركز خدمة المواطن — الوعر', en: 'Citizen Service Centre — Al-Waer' }, timeZone: 'Asia/Damascus' },
    services: pick(['building-permits', 'commercial-licences', 'fees-payments', 'certificates', 'reception']),
    counters: countersOf([['building-permits'], ['commercial-licences', 'fees-payments'], ['fees-payments', 'certificates'], ['certificates', 'reception']]),
    ticketsPerDay: 210, seed: 7,
  },
  hama: {
    branch: { id: 'hama-centre', name: { ar: 'مركز خدمة المواطن — حماة', en: 'Citizen Service Centre — Hama' }, timeZone: 'Asia/Damascus' },
    services: pick(['building-permits', 'commercial-licences', 'inspection-940', 'fees-payments', 'certificates', 'reception']),
    counters: countersOf([['building-permits'], ['commercial-licences'], ['inspection-940', 'reception'], ['fees-payments', 'certificates'], ['certificates', 'reception'], ['reception', 'fees-payments']]),
    ticketsPerDay: 290, seed: 11,
  },
};

export const DEMO_ACCOUNTS = [
  { username: 'admin', password: 'dawr-admin', role: 'admin' as const, displayName: 'مدير النظام' },
  { username: 'manager', password: 'dawr-manager', role: 'manager' as const, displayName: 'مدير القاعة' },
  { username: 'supervisor', password: 'dawr-supervisor', role: 'supervisor' as const, displayName: 'المشرف' },
  ...SERVED_BY.map((_, i) => ({ username: `clerk${i + 1}`, password: 'dawr-clerk', role: 'clerk' as const, displayName: `موظف ${i + 1}` })),
];

/**
 * The demo's passwords are published (README): each is hashed once per process and its hash shared
 * by the accounts that have it (the eight clerks), so a demo hall starts without eleven scrypt
 * derivations of ~0.3 s each — the test suite starts some hundreds of them. Real accounts are
 * hashed one by one, each with its own salt.
 */
const demoHashes = new Map<string, Promise<string>>();
function demoHash(password: string): Promise<string> {
  let h = demoHashes.get(password);
  if (!h) demoHashes.set(password, (h = hashPassword(password)));
  return h;
}

/** Seeds the demo hall once: services and counters through commands (so they are in the log), and staff. */
export async function seedDemo(hall: Hall, auth: AuthStore, profile: DemoProfile = DEMO_PROFILES.centre!): Promise<void> {
  const system = { id: 'system', role: 'admin' as const };
  if (hall.state.services.size === 0) {
    hall.setBranch(profile.branch);
    await Promise.all(profile.services.map((service) => hall.execute({ type: 'saveService', service }, system)));
    await Promise.all(profile.counters.map((counter) => hall.execute({ type: 'saveCounter', counter }, system)));
  }
  const missing = DEMO_ACCOUNTS.filter((a) => !auth.userByName(a.username));
  const hashes = await Promise.all(missing.map((a) => demoHash(a.password)));
  missing.forEach((a, i) => auth.createUser({ username: a.username, role: a.role, displayName: a.displayName, passwordHash: hashes[i]! }));
}

/**
 * The demo hall takes bookings at every hour of every day (like its opening hours, so it can be
 * tried at any time) for the services two counters serve: one place per 15-minute slot.
 */
export function demoBookingRules(profile: DemoProfile): Record<string, BookingRule> {
  const twoCounters = profile.services.filter((s) => profile.counters.filter((c) => c.serviceIds.includes(s.id)).length >= 2).slice(0, 3);
  const chosen = twoCounters.length >= 2 ? twoCounters : profile.services.slice(0, 2);
  // The hall's own days and hours: Sunday to Thursday, 08:00–15:00 (bookings never reach beyond them).
  return Object.fromEntries(chosen.map((s) => [s.id, { ...DEFAULT_BOOKING_RULE, serviceId: s.id, weekdays: [0, 1, 2, 3, 4], from: '08:00', to: '15:00' }]));
}
