// The services of the demo halls and of the central demo's catalogue, from the municipal documents
// (../shared/seeds): what a Syrian citizen service hall offers.
import type { Service } from '../protocol/entities.ts';

export const SEED_SERVICES: Service[] = [
  { id: 'building-permits', prefix: 'A', name: { ar: 'رخص البناء', en: 'Building permits' }, category: 'permits', targetWaitMinutes: 20, active: true },
  { id: 'commercial-licences', prefix: 'B', name: { ar: 'الرخص التجارية ورخص المحلات', en: 'Commercial and shop licences' }, category: 'licences', targetWaitMinutes: 15, active: true },
  { id: 'land-planning', prefix: 'C', name: { ar: 'الأراضي والتخطيط العمراني', en: 'Land and urban planning' }, category: 'planning', targetWaitMinutes: 25, active: true },
  { id: 'inspection-940', prefix: 'D', name: { ar: 'الرقابة الميدانية وبلاغات 940', en: 'Field inspection and 940 complaints' }, category: 'complaints', targetWaitMinutes: 15, active: true },
  { id: 'fees-payments', prefix: 'E', name: { ar: 'الرسوم والمدفوعات', en: 'Fees and payments' }, category: 'payments', targetWaitMinutes: 10, active: true },
  { id: 'certificates', prefix: 'F', name: { ar: 'الشهادات والوثائق', en: 'Certificates and documents' }, category: 'documents', targetWaitMinutes: 10, active: true },
  { id: 'reception', prefix: 'G', name: { ar: 'الاستعلامات والاستقبال', en: 'Enquiries and reception' }, category: 'reception', targetWaitMinutes: 5, active: true },
];
