// Monitoring credentials (brief §12): a bearer token an admin makes for Prometheus, which reads
// `GET /metrics` and nothing else. The same routes on the hub and on central.
import { z } from 'zod';
import { humanText } from './text.ts';

export const NewMonitoringTokenBody = z.object({
  /** What scrapes with it, e.g. "prometheus at the municipality". */
  name: humanText({ max: 80 }),
}).strict();
export type NewMonitoringTokenBody = z.infer<typeof NewMonitoringTokenBody>;

/** A monitoring credential as the list shows it: never its token. */
export const MonitoringToken = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
});
export type MonitoringToken = z.infer<typeof MonitoringToken>;

/** The answer to a creation: the token is shown this once and stored hashed. */
export const CreatedMonitoringToken = z.object({ id: z.string(), name: z.string(), token: z.string() });
export type CreatedMonitoringToken = z.infer<typeof CreatedMonitoringToken>;
