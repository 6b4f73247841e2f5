// The seam between the report definitions and a store: the hall hub implements it over SQLite
// (electron/hub/reports/fact-store.ts); central will implement it over PostgreSQL with the same
// fold (facts.ts) and the same report functions (reports.ts).
import type { DayFacts } from './facts.ts';

export interface FactSource {
  /** Facts of the business days from…to (both included, `YYYY-MM-DD`). */
  facts(from: string, to: string): DayFacts;
  /** Rating comments still retained, by ticket id (personal data: may be purged, then absent). */
  comments(from: string, to: string): ReadonlyMap<string, string>;
}
