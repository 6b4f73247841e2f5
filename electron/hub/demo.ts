// The demo hall: one branch modelled on a municipal citizen service hall (../shared/seeds), its
// services, eight counters each serving a few services, and staff of every role.
import type { Service } from '../../shared/protocol/entities.ts';
import type { AuthStore } from './auth/auth-store.ts';
import { hashPassword } from '../node-common/passwords.ts';
import type { Hall } from './hall.ts';

export const DEMO_BRANCH = { id: 'homs-hall', name: { ar: 'قاعة خدمة المواطن — المركز', en: 'Citizen Service Hall — Centre' }, timeZone: 'Asia/Riyadh' };

export const DEMO_SERVICES: Service[] = [
  { id: 'building-permits', prefix: 'A', name: { ar: 'رخص البناء', en: 'Building permits' }, category: 'permits', targetWaitMinutes: 20, active: true },
  { id: 'commercial-licences', prefix: 'B', name: { ar: 'الرخص التجارية ورخص المحلات', en: 'Commercial and shop licences' }, category: 'licences', targetWaitMinutes: 15, active: true },
  { id: 'land-planning', prefix: 'C', name: { ar: 'الأراضي والتخطيط العمراني', en: 'Land and urban planning' }, category: 'planning', targetWaitMinutes: 25, active: true },
  { id: 'inspection-940', prefix: 'D', name: { ar: 'الرقابة الميدانية وبلاغات 940', en: 'Field inspection and 940 complaints' }, category: 'complaints', targetWaitMinutes: 15, active: true },
  { id: 'fees-payments', prefix: 'E', name: { ar: 'الرسوم والمدفوعات', en: 'Fees and payments' }, category: 'payments', targetWaitMinutes: 10, active: true },
  { id: 'certificates', prefix: 'F', name: { ar: 'الشهادات والوثائق', en: 'Certificates and documents' }, category: 'documents', targetWaitMinutes: 10, active: true },
  { id: 'reception', prefix: 'G', name: { ar: 'الاستعلامات والاستقبال', en: 'Enquiries and reception' }, category: 'reception', targetWaitMinutes: 5, active: true },
];

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

export const DEMO_ACCOUNTS = [
  { username: 'admin', password: 'dawr-admin', role: 'admin' as const, displayName: 'مدير النظام' },
  { username: 'manager', password: 'dawr-manager', role: 'manager' as const, displayName: 'مدير القاعة' },
  { username: 'supervisor', password: 'dawr-supervisor', role: 'supervisor' as const, displayName: 'المشرف' },
  ...SERVED_BY.map((_, i) => ({ username: `clerk${i + 1}`, password: 'dawr-clerk', role: 'clerk' as const, displayName: `موظف ${i + 1}` })),
];

/** Seeds the demo hall once: services and counters through commands (so they are in the log), and staff. */
export async function seedDemo(hall: Hall, auth: AuthStore): Promise<void> {
  const system = { id: 'system', role: 'admin' as const };
  if (hall.state.services.size === 0) {
    hall.setBranch(DEMO_BRANCH);
    await Promise.all(DEMO_SERVICES.map((service) => hall.execute({ type: 'saveService', service }, system)));
    await Promise.all(DEMO_COUNTERS.map((counter) => hall.execute({ type: 'saveCounter', counter }, system)));
  }
  const missing = DEMO_ACCOUNTS.filter((a) => !auth.userByName(a.username));
  const hashes = await Promise.all(missing.map((a) => hashPassword(a.password)));
  missing.forEach((a, i) => auth.createUser({ username: a.username, role: a.role, displayName: a.displayName, passwordHash: hashes[i]! }));
}
