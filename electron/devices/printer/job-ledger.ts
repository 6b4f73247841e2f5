// Which print jobs have gone to the printer. A ticket is printed once (brief §7): a job whose
// bytes were sent, even partly, is never sent again — not after a reconnect, and with a ledger
// file not after a restart of the station either. Job ids carry no personal data.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** `sending`: bytes may have left; `printed`: sent and the printer stayed healthy; `interrupted`: may be incomplete. */
export type JobStatus = 'sending' | 'printed' | 'interrupted';

export class JobLedger {
  private readonly jobs = new Map<string, JobStatus>();
  private readonly file: string | undefined;
  private readonly capacity: number;

  constructor(options: { file?: string; capacity?: number } = {}) {
    this.file = options.file;
    this.capacity = options.capacity ?? 10_000;
    if (this.file && existsSync(this.file)) this.load(this.file);
  }

  get(jobId: string): JobStatus | undefined {
    return this.jobs.get(jobId);
  }

  set(jobId: string, status: JobStatus): void {
    this.jobs.delete(jobId);
    this.jobs.set(jobId, status);
    // Oldest first in a Map: drop them once over capacity (a day of a busy hall is ~2,000 tickets).
    while (this.jobs.size > this.capacity) this.jobs.delete(this.jobs.keys().next().value!);
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, `${JSON.stringify({ jobId, status })}\n`);
    }
  }

  private load(file: string): void {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as { jobId?: unknown; status?: unknown };
        if (typeof entry.jobId === 'string' && (entry.status === 'sending' || entry.status === 'printed' || entry.status === 'interrupted')) {
          // A job still `sending` when the station stopped may be on paper: treat it as interrupted.
          this.jobs.set(entry.jobId, entry.status === 'sending' ? 'interrupted' : entry.status);
        }
      } catch {
        // A torn last line after a crash: skip it, the rest of the ledger still holds.
      }
    }
  }
}
