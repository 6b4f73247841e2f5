// The hall's settings as `GET/PUT /api/v1/admin/settings` carry them: PUT takes back exactly
// what GET returns. The public half travels to every screen as the branch (entities.ts Branch).
import { z } from 'zod';
import { Digits, I18nText } from './entities.ts';
import { OpeningHours } from './opening-hours.ts';
import { humanText } from './text.ts';

export const HallSettings = z.object({
  name: I18nText,
  address: z.object({ ar: humanText({ min: 0, max: 200 }), en: humanText({ min: 0, max: 200 }) }),
  /** IANA time zone, e.g. Asia/Riyadh: the business day, opening hours and every time shown. */
  timeZone: z.string().min(1).max(64),
  hours: OpeningHours,
  digits: Digits,
  kioskResetSeconds: z.number().int().min(5).max(300),
  routing: z.object({
    /** A priority ticket's waited ÷ target counts this many times (≥ 1). */
    priorityFactor: z.number().min(1).max(10),
    /** A ticket that has waited this many times its target is called first (> 1). */
    overdueFactor: z.number().min(1.1).max(10),
  }),
  /** Recalls allowed before a further recall marks the ticket a no-show. */
  recallLimit: z.number().int().min(0).max(10),
  retention: z.object({
    /** Days personal data (ID pseudonyms, tracking codes, clerks' notes, comments) is kept. */
    personalDataDays: z.number().int().min(1).max(3650),
    /** Days a cancelled or missed appointment keeps the citizen's name and phone number (default 7). */
    unusedAppointmentDays: z.number().int().min(1).max(3650).default(7),
  }),
  /** Suggestions and complaints not answered within this many working days are overdue on the dashboard. */
  complaints: z.object({ answerWithinWorkingDays: z.number().int().min(1).max(60) }).default({ answerWithinWorkingDays: 3 }),
});
export type HallSettings = z.infer<typeof HallSettings>;
