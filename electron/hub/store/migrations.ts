// Numbered, append-only migrations, each applied in its own transaction. The hash of each is
// stored; a database whose applied migration no longer matches the code is refused (someone
// edited a migration after it shipped — add a new one instead).
import type { Database } from 'better-sqlite3';

import { type Migration, editedError, migrationHash as hash, newerError } from '../../node-common/migrations.ts';

export type { Migration };

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'event log, configuration, staff, devices, audit',
    sql: `
      CREATE TABLE events (
        seq  INTEGER PRIMARY KEY,
        day  TEXT NOT NULL,
        type TEXT NOT NULL,
        at   TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX events_day ON events(day, seq);
      CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
      CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

      -- Projection of tickets for reports; UNIQUE(day, number) makes a reused number impossible.
      -- (Tracking codes are looked up in memory: the day's tickets are all there.)
      CREATE TABLE tickets (
        id          TEXT PRIMARY KEY,
        day         TEXT NOT NULL,
        number      TEXT NOT NULL,
        service_id  TEXT NOT NULL,
        status      TEXT NOT NULL,
        issued_at   TEXT NOT NULL,
        UNIQUE (day, number)
      );
      -- The expected-wait quote given at issue is kept in the ticket.issued event itself.
      -- Pseudonyms only (HMAC of the ID number), purged after the retention period.
      CREATE TABLE ticket_identity (
        ticket_id  TEXT PRIMARY KEY REFERENCES tickets(id),
        id_token   TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE services (id TEXT PRIMARY KEY, body TEXT NOT NULL, position INTEGER NOT NULL);
      CREATE TABLE counters (id TEXT PRIMARY KEY, body TEXT NOT NULL, number INTEGER NOT NULL UNIQUE);

      CREATE TABLE users (
        id            TEXT PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE,
        role          TEXT NOT NULL,
        display_name  TEXT,
        password_hash TEXT NOT NULL,
        active        INTEGER NOT NULL DEFAULT 1,
        created_at    TEXT NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id    TEXT NOT NULL REFERENCES users(id),
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE devices (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        role       TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE pairing_codes (
        code_hash  TEXT PRIMARY KEY,
        role       TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at    TEXT,
        created_by TEXT NOT NULL
      );
      CREATE TABLE audit (
        id     INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,
        actor  TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT
      );
    `,
  },
  {
    id: 2,
    name: 'personal fields of events kept apart, purged after retention',
    // Tracking codes, clerks' notes and citizens' comments move out of the append-only log into
    // event_personal (one row per event that has any), so retention can delete them without
    // touching the log. The update trigger is lifted for this one rewrite only.
    sql: `
      CREATE TABLE event_personal (
        seq  INTEGER PRIMARY KEY REFERENCES events(seq),
        day  TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX event_personal_day ON event_personal(day);
      INSERT INTO event_personal (seq, day, body)
        SELECT seq, day, json_object('trackingCode', json_extract(body, '$.ticket.trackingCode')) FROM events
        WHERE type = 'ticket.issued' AND json_extract(body, '$.ticket.trackingCode') IS NOT NULL;
      INSERT INTO event_personal (seq, day, body)
        SELECT seq, day, json_object('note', json_extract(body, '$.note')) FROM events
        WHERE type = 'ticket.completed' AND json_extract(body, '$.note') IS NOT NULL;
      INSERT INTO event_personal (seq, day, body)
        SELECT seq, day, json_object('comment', json_extract(body, '$.reason')) FROM events
        WHERE type = 'ticket.rated' AND json_extract(body, '$.reason') IS NOT NULL;
      DROP TRIGGER events_append_only_update;
      UPDATE events SET body = json_remove(body, '$.ticket.trackingCode') WHERE type = 'ticket.issued';
      UPDATE events SET body = json_remove(body, '$.note') WHERE type = 'ticket.completed';
      UPDATE events SET body = json_remove(body, '$.reason') WHERE type = 'ticket.rated';
      CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
    `,
  },
  {
    id: 3,
    name: 'report facts: a projection of the event log, rebuildable from it (electron/hub/reports)',
    sql: `
      -- One row per business day folded into facts, with the fold's version: a day whose version
      -- is older than the code's is folded again from the log. Today is never stored (it is
      -- folded live); a closed day's events never change.
      CREATE TABLE report_days (
        day      TEXT PRIMARY KEY,
        version  INTEGER NOT NULL,
        last_seq INTEGER NOT NULL
      );
      -- Nothing personal: no tracking codes, notes or comments.
      CREATE TABLE report_tickets (
        id               TEXT PRIMARY KEY,
        day              TEXT NOT NULL,
        service_id       TEXT NOT NULL,
        final_service_id TEXT NOT NULL,
        priority         TEXT NOT NULL,
        issued_at        INTEGER NOT NULL,
        hour             INTEGER NOT NULL,
        weekday          INTEGER NOT NULL,
        wait_ms          INTEGER,
        target_ms        INTEGER NOT NULL,
        counter_id       TEXT,
        clerk_id         TEXT,
        outcome          TEXT NOT NULL,
        end_counter_id   TEXT,
        end_clerk_id     TEXT,
        transfers        INTEGER NOT NULL,
        quote_min        INTEGER NOT NULL,
        quote_max        INTEGER NOT NULL,
        rating           INTEGER
      );
      CREATE INDEX report_tickets_day ON report_tickets(day);
      CREATE TABLE report_service_times (
        ticket_id  TEXT NOT NULL,
        seg        INTEGER NOT NULL,
        day        TEXT NOT NULL,
        service_id TEXT NOT NULL,
        counter_id TEXT NOT NULL,
        clerk_id   TEXT,
        started_at INTEGER NOT NULL,
        ms         INTEGER NOT NULL,
        hour       INTEGER NOT NULL,
        weekday    INTEGER NOT NULL,
        ended      TEXT NOT NULL,
        PRIMARY KEY (ticket_id, seg)
      );
      CREATE INDEX report_service_times_day ON report_service_times(day);
      CREATE TABLE report_counter_time (
        day        TEXT NOT NULL,
        counter_id TEXT NOT NULL,
        clerk_id   TEXT,
        kind       TEXT NOT NULL,
        from_ms    INTEGER NOT NULL,
        ms         INTEGER NOT NULL
      );
      CREATE INDEX report_counter_time_day ON report_counter_time(day);
      -- Marked dates on trends: 'auto' ones come from configuration events (and are rebuilt with
      -- their day); 'manual' ones are added by a manager.
      CREATE TABLE report_marks (
        id         INTEGER PRIMARY KEY,
        day        TEXT NOT NULL,
        source     TEXT NOT NULL,
        kind       TEXT NOT NULL,
        service_id TEXT,
        counter_id TEXT,
        label      TEXT NOT NULL,
        created_by TEXT
      );
      CREATE INDEX report_marks_day ON report_marks(day);
      -- Ratings in a range (their comments are read from the log, never copied): a partial index,
      -- so only rating events pay for it.
      CREATE INDEX events_rated ON events(day) WHERE type = 'ticket.rated';
    `,
  },
  {
    id: 4,
    name: "appointments, the citizen's notification requests and the messages sent (personal: purged after retention)",
    sql: `
      -- A booking: the code is its key (10 digits); name and phone are personal and are emptied
      -- after the retention period (the row stays, for the counts).
      CREATE TABLE appointments (
        code          TEXT PRIMARY KEY,
        service_id    TEXT NOT NULL,
        start_ms      INTEGER NOT NULL,
        day           TEXT NOT NULL,
        name          TEXT,
        phone         TEXT,
        lang          TEXT NOT NULL,
        status        TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        checked_in_at TEXT,
        ticket_id     TEXT,
        ticket_number TEXT,
        reminded      INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX appointments_slot ON appointments(service_id, start_ms);
      CREATE INDEX appointments_day ON appointments(day);
      -- "Tell me when my turn nears": deleted when the ticket is finished.
      CREATE TABLE notify_requests (
        ticket_id TEXT PRIMARY KEY,
        day       TEXT NOT NULL,
        lang      TEXT NOT NULL,
        phone     TEXT,
        push      TEXT,
        sent      TEXT NOT NULL DEFAULT ''
      );
      -- Every message sent (or recorded by the SMS simulator), kept for the retention period.
      CREATE TABLE notifications (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        day       TEXT NOT NULL,
        channel   TEXT NOT NULL,
        recipient TEXT NOT NULL,
        kind      TEXT NOT NULL,
        lang      TEXT NOT NULL,
        text      TEXT NOT NULL,
        status    TEXT NOT NULL,
        error     TEXT
      );
      CREATE INDEX notifications_recipient ON notifications(recipient, id);
      CREATE INDEX notifications_day ON notifications(day);
    `,
  },
  {
    id: 5,
    name: "citizens' suggestions and complaints, their text and contact purged after retention",
    sql: `
      -- Not in the event log and never replicated to central. text, contact, answer and note are
      -- personal: set to NULL (purged_at set) once an item has been closed longer than retention.
      CREATE TABLE feedback (
        reference     TEXT PRIMARY KEY,
        category      TEXT NOT NULL,
        status        TEXT NOT NULL,
        lang          TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        answered_at   TEXT,
        closed_at     TEXT,
        service_id    TEXT,
        counter_id    TEXT,
        ticket_number TEXT,
        assigned_to   TEXT,
        text          TEXT,
        contact       TEXT,
        answer        TEXT,
        note          TEXT,
        purged_at     TEXT
      );
      CREATE INDEX feedback_status ON feedback(status, created_at);
      CREATE INDEX feedback_closed ON feedback(closed_at) WHERE closed_at IS NOT NULL;
    `,
  },
  {
    id: 6,
    name: 'notification requests count their asks; messages counted per number and day',
    sql: `
      -- A request's sent marks stay when it is stopped (phone and push set to NULL), so asking
      -- again never re-sends; asks caps how often one ticket may ask in its day.
      ALTER TABLE notify_requests ADD COLUMN asks INTEGER NOT NULL DEFAULT 1;
      CREATE INDEX notifications_sms_day ON notifications(recipient, day) WHERE channel = 'sms';
    `,
  },
  {
    id: 7,
    name: 'monitoring credentials (GET /metrics only)',
    sql: `
      -- Bearer tokens an admin makes for Prometheus, stored hashed; they open /metrics and nothing else.
      CREATE TABLE monitoring_tokens (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at TEXT
      );
    `,
  },
  {
    id: 8,
    name: "complaints: who answered, whether the citizen was told, categories a citizen recognises",
    sql: `
      -- The answer is locked once sent: who sent it, and where the citizen was told (sms or none).
      ALTER TABLE feedback ADD COLUMN answered_by TEXT;
      ALTER TABLE feedback ADD COLUMN answer_sent TEXT;
      -- "complaint" was the 940 municipal report (streets, lighting…): a complaint about the hall's
      -- service is "service" or "staff"; the key now says what it is.
      UPDATE feedback SET category = 'municipal_report' WHERE category = 'complaint';
    `,
  },
  {
    id: 9,
    name: 'reports from daily roll-ups: per closed day, service, counter, clerk and hour (electron/hub/reports)',
    sql: `
      -- The daily roll-up (shared/reports/rollup.ts), rebuilt from the log like the rest of the
      -- projection: arrivals, outcomes and stints summed per key, waits and service times as
      -- 30-second histograms (varint BLOBs, shared/reports/bins.ts). Every report reads these.
      CREATE TABLE report_rollups (
        day            TEXT NOT NULL,
        hour           INTEGER NOT NULL,
        service_id     TEXT NOT NULL,
        counter_id     TEXT,
        clerk_id       TEXT,
        issued         INTEGER NOT NULL,
        called         INTEGER NOT NULL,
        within         INTEGER NOT NULL,
        wait_sum_ms    INTEGER NOT NULL,
        waits          BLOB NOT NULL,
        quote_min_sum  REAL NOT NULL,
        quote_max_sum  REAL NOT NULL,
        inside         INTEGER NOT NULL,
        shorter        INTEGER NOT NULL,
        longer         INTEGER NOT NULL,
        abs_err_ms     REAL NOT NULL,
        served         INTEGER NOT NULL,
        no_show        INTEGER NOT NULL,
        cancelled      INTEGER NOT NULL,
        unfinished     INTEGER NOT NULL,
        r1             INTEGER NOT NULL,
        r2             INTEGER NOT NULL,
        r3             INTEGER NOT NULL,
        r4             INTEGER NOT NULL,
        r5             INTEGER NOT NULL,
        stints         INTEGER NOT NULL,
        transferred    INTEGER NOT NULL,
        service_sum_ms INTEGER NOT NULL,
        service_times  BLOB NOT NULL
      );
      CREATE INDEX report_rollups_day ON report_rollups(day);
      CREATE TABLE report_counter_rollups (
        day        TEXT NOT NULL,
        counter_id TEXT NOT NULL,
        clerk_id   TEXT,
        open_ms    INTEGER NOT NULL,
        break_ms   INTEGER NOT NULL
      );
      CREATE INDEX report_counter_rollups_day ON report_counter_rollups(day);
      -- Service stints and counter time live in the roll-ups now; the tickets' facts stay, read one
      -- by one (by id) where a report shows single tickets. The fold's new version refolds every day.
      DROP TABLE report_service_times;
      DROP TABLE report_counter_time;
    `,
  },
  {
    id: 10,
    name: "a closed day's roll-up stored as one row: its columns as the reports read them (electron/hub/reports/rollup-blob.ts)",
    sql: `
      -- One SQLite row per roll-up row made reading a year back after a start take most of a
      -- second (313 days, some 80,000 rows of 29 columns); as one row per day (the day's rows as
      -- typed columns, and its counters' time) it is a few tens of ms. The fold's next version
      -- writes every closed day again.
      CREATE TABLE report_day_rollups (
        day  TEXT PRIMARY KEY,
        rows INTEGER NOT NULL,
        body BLOB NOT NULL
      );
      DROP TABLE report_rollups;
      DROP TABLE report_counter_rollups;
    `,
  },
];


export function migrate(db: Database, list: readonly Migration[] = migrations): void {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Map((db.prepare('SELECT id, sha256 FROM migrations').all() as { id: number; sha256: string }[]).map((r) => [r.id, r.sha256]));
  const newest = Math.max(0, ...applied.keys());
  const known = list.at(-1)?.id ?? 0;
  if (newest > known) {
    const row = db.prepare("SELECT value FROM settings WHERE key = 'writtenBy'").get() as { value: string } | undefined;
    throw newerError("This hall's database", newest, known, row ? (JSON.parse(row.value) as { version?: string }).version : undefined);
  }
  for (const m of list) {
    const known = applied.get(m.id);
    if (known !== undefined) {
      if (known !== hash(m)) throw editedError(m);
      continue;
    }
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO migrations (id, name, sha256, applied_at) VALUES (?, ?, ?, ?)').run(m.id, m.name, hash(m), new Date().toISOString());
    })();
  }
}
