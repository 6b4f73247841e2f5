// A hall's opening hours: one span per weekday (or closed), holidays, or open at any hour.
// Kept apart from entities.ts so the branch and the settings can both use it without a cycle.
import { z } from 'zod';
import { humanText } from './text.ts';

const Clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'HH:MM');

export const DayHours = z
  .object({ open: Clock, close: Clock })
  .refine((d) => d.open < d.close, { message: 'opens before it closes' });
export type DayHours = z.infer<typeof DayHours>;

export const Holiday = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  name: z.object({ ar: humanText({ min: 0, max: 100 }), en: humanText({ min: 0, max: 100 }) }),
});
export type Holiday = z.infer<typeof Holiday>;

export const OpeningHours = z.object({
  /** Open at every hour (the demo hall; a hall that has not set its hours yet). */
  always: z.boolean(),
  /** Sunday first (index 0) to Saturday; `null` is closed all day. */
  weekly: z.array(DayHours.nullable()).length(7),
  holidays: z.array(Holiday).max(100),
});
export type OpeningHours = z.infer<typeof OpeningHours>;

export const DEFAULT_OPENING_HOURS: OpeningHours = {
  always: true,
  weekly: [0, 1, 2, 3, 4, 5, 6].map((d) => (d === 5 || d === 6 ? null : { open: '08:00', close: '15:00' })),
  holidays: [],
};
