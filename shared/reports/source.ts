// The seam between the report definitions and a store: the hall hub implements it over SQLite
// (electron/hub/reports/fact-store.ts: a roll-up per closed day, today rolled up live); central
// keeps each branch-day's totals of the same roll-up in PostgreSQL (electron/central/rollups.ts).
import type { CommentFact } from './query.ts';
import type { RollupSet } from './rollup.ts';

export interface RollupSource {
  /** Roll-ups of the business days from…to (both included, `YYYY-MM-DD`). */
  rollups(from: string, to: string): RollupSet;
  /**
   * Rating comments still retained (personal data: may be purged, then absent), each with its
   * ticket's outcome side, in the order of the days' tickets.
   */
  comments(from: string, to: string): CommentFact[];
}
