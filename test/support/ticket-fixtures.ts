// Print jobs for device tests: one Arabic-first ticket and variations of it.
import type { TicketPrintJob } from '../../shared/protocol/device-bridge.ts';

let seq = 0;

export function sampleJob(overrides: Partial<TicketPrintJob> = {}): TicketPrintJob {
  seq++;
  return {
    jobId: `job-${process.pid}-${seq}`,
    ticketId: `ticket-${seq}`,
    number: 'A-042',
    service: { ar: 'إصدار رخصة بناء', en: 'Building permit issue' },
    branch: { ar: 'صالة خدمة المواطن – حمص', en: 'Homs Citizen Service Hall' },
    issuedAt: '2025-03-12T06:41:00Z',
    timeZone: 'Asia/Damascus',
    lang: 'ar',
    priority: 'none',
    expectedWait: { minMinutes: 10, maxMinutes: 15 },
    trackingUrl: 'https://dawr.example/t/K7Q2XW',
    ...overrides,
  };
}
