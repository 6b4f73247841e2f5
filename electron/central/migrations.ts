// Central's schema: numbered, append-only migrations, each applied once in its own transaction
// under an advisory lock (two centrals starting together do not race). The hash of each is kept;
// a database whose applied migration no longer matches the code is refused.
import type pg from 'pg';

import { type Migration, editedError, migrationHash as hash, newerError } from '../node-common/migrations.ts';

export type { Migration };

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'municipalities, centres, staff, the replicated event log, facts',
    sql: `
      CREATE TABLE municipalities (
        id         text PRIMARY KEY,
        name_ar    text NOT NULL,
        name_en    text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE branches (
        id               text PRIMARY KEY,
        municipality_id  text NOT NULL REFERENCES municipalities(id),
        name_ar          text NOT NULL,
        name_en          text NOT NULL,
        district         text NOT NULL DEFAULT '',
        time_zone        text NOT NULL DEFAULT 'Asia/Riyadh',
        enrol_code_hash  text UNIQUE,
        enrol_expires_at timestamptz,
        credential_hash  text UNIQUE,
        enrolled_at      timestamptz,
        revoked_at       timestamptz,
        acked_seq        bigint NOT NULL DEFAULT 0,
        hub_head         bigint NOT NULL DEFAULT 0,
        hub_version      text,
        last_push_at     timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX branches_municipality ON branches (municipality_id);
      CREATE TABLE users (
        id              text PRIMARY KEY,
        username        text NOT NULL UNIQUE,
        password_hash   text NOT NULL,
        role            text NOT NULL CHECK (role IN ('platform_admin', 'municipality_admin', 'municipality_manager', 'centre_manager')),
        municipality_id text REFERENCES municipalities(id),
        branch_id       text REFERENCES branches(id),
        display_name    text NOT NULL DEFAULT '',
        active          boolean NOT NULL DEFAULT true,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'platform_admin') = (municipality_id IS NULL)),
        CHECK ((role = 'centre_manager') = (branch_id IS NOT NULL))
      );
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id    text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL
      );
      -- The replicated log: each hall's events, public part only, exactly once by (branch, seq).
      -- At national scale this table is range-partitioned by day (README "Central at scale").
      CREATE TABLE events (
        branch_id text NOT NULL REFERENCES branches(id),
        seq       bigint NOT NULL,
        day       date NOT NULL,
        type      text NOT NULL,
        at        timestamptz NOT NULL,
        body      jsonb NOT NULL,
        PRIMARY KEY (branch_id, seq)
      );
      CREATE INDEX events_branch_day ON events (branch_id, day, seq);
      CREATE INDEX events_configuration ON events (branch_id, seq) WHERE type IN ('service.saved', 'counter.saved');
      -- Which branch-days have events not yet folded into facts.
      CREATE TABLE branch_days (
        branch_id    text NOT NULL REFERENCES branches(id),
        day          date NOT NULL,
        version      bigint NOT NULL DEFAULT 1,
        built        bigint NOT NULL DEFAULT 0,
        built_at     timestamptz,
        live         jsonb,
        PRIMARY KEY (branch_id, day)
      );
      CREATE INDEX branch_days_stale ON branch_days (day) WHERE built <> version;
      -- Facts folded from the events by the same code as the hall's reports (shared/reports/facts.ts).
      CREATE TABLE ticket_facts (
        branch_id        text NOT NULL,
        day              date NOT NULL,
        ticket_id        text NOT NULL,
        service_id       text NOT NULL,
        final_service_id text NOT NULL,
        priority         text NOT NULL,
        issued_at        bigint NOT NULL,
        hour             smallint NOT NULL,
        weekday          smallint NOT NULL,
        wait_ms          bigint,
        target_ms        bigint NOT NULL,
        counter_id       text,
        clerk_id         text,
        outcome          text NOT NULL,
        end_counter_id   text,
        end_clerk_id     text,
        transfers        integer NOT NULL,
        quote_min        real NOT NULL,
        quote_max        real NOT NULL,
        rating           smallint,
        PRIMARY KEY (branch_id, day, ticket_id)
      );
      CREATE INDEX ticket_facts_day ON ticket_facts (day, branch_id);
      CREATE TABLE service_facts (
        branch_id  text NOT NULL,
        day        date NOT NULL,
        ticket_id  text NOT NULL,
        seg        integer NOT NULL,
        service_id text NOT NULL,
        counter_id text NOT NULL,
        clerk_id   text,
        started_at bigint NOT NULL,
        ms         bigint NOT NULL,
        ended      text NOT NULL,
        PRIMARY KEY (branch_id, day, ticket_id, seg)
      );
      -- The municipality's catalogue, pushed to its centres.
      CREATE TABLE catalogue (
        municipality_id text PRIMARY KEY REFERENCES municipalities(id),
        version         bigint NOT NULL,
        services        jsonb NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE audit (
        id      bigserial PRIMARY KEY,
        at      timestamptz NOT NULL DEFAULT now(),
        actor   text NOT NULL,
        action  text NOT NULL,
        target  text,
        detail  jsonb
      );
    `,
  },
  {
    id: 2,
    name: 'the municipality each audit entry concerns (what a municipality admin may read)',
    sql: `
      -- The municipality an entry concerns: of the account, centre or catalogue acted on, else of
      -- the actor; NULL for the platform's own (a platform admin's sign-in, a failed sign-in of an
      -- unknown name). A municipality admin reads the entries of their municipality only.
      ALTER TABLE audit ADD COLUMN municipality_id text;
      UPDATE audit a SET municipality_id = COALESCE(
        (SELECT u.municipality_id FROM users u WHERE u.id = a.target),
        (SELECT b.municipality_id FROM branches b WHERE b.id = a.target),
        CASE WHEN a.action IN ('municipality.created', 'catalogue.saved') THEN a.target END,
        (SELECT u.municipality_id FROM users u WHERE u.id = a.actor));
      CREATE INDEX audit_municipality ON audit (municipality_id, id);
    `,
  },
  {
    id: 3,
    name: 'which Dawr wrote the schema (an older Dawr refuses it by name)',
    sql: `
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
    `,
  },
  {
    id: 4,
    name: 'monitoring credentials; when a branch-day was marked for the fact builder',
    sql: `
      -- Bearer tokens the platform admin makes for Prometheus, stored hashed; they open /metrics and nothing else.
      CREATE TABLE monitoring_tokens (
        id         text PRIMARY KEY,
        name       text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        revoked_at timestamptz
      );
      -- When a built branch-day was marked again (the fact builder's lag is the oldest such mark).
      ALTER TABLE branch_days ADD COLUMN marked_at timestamptz;
      UPDATE branch_days SET marked_at = now() WHERE built <> version;
    `,
  },
  {
    id: 5,
    name: 'history at scale: events and roll-ups partitioned by month, daily roll-ups with running totals, configuration kept apart',
    sql: `
      -- A month's partition of a table partitioned by day (events, rollup_days,
      -- rollup_month_to_date), made when first needed: created beside the parent and attached, so
      -- the parent is only briefly locked against other attaches, not against reads and writes.
      -- Named <parent>_yYYYYmMM; an old one can be detached (./dawr central partitions --detach-before).
      CREATE FUNCTION dawr_month_partition(parent text, d date) RETURNS text LANGUAGE plpgsql AS $fn$
      DECLARE
        m date := date_trunc('month', d)::date;
        name text := parent || '_y' || to_char(m, 'YYYY') || 'm' || to_char(m, 'MM');
      BEGIN
        PERFORM pg_advisory_xact_lock(7468619);
        IF EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = parent::regclass AND c.relname = name) THEN
          RETURN name;
        END IF;
        IF to_regclass(name) IS NOT NULL THEN
          RAISE EXCEPTION 'the month % of % was detached (table %): attach it again or drop it before writing to that month', to_char(m, 'YYYY-MM'), parent, name;
        END IF;
        EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)', name, parent);
        EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, name, m, (m + interval '1 month')::date);
        RETURN name;
      END
      $fn$;

      -- The replicated log, partitioned by month of its business day. The key gains the day (a
      -- partitioned table's keys hold its partition key); exactly once by (branch, seq) is still
      -- the acknowledged seq, under the branch row's lock (ingest.ts), as before. No foreign key
      -- to branches: a push holds the branch row, and branches are never deleted.
      ALTER TABLE events RENAME TO events_before_partitioning;
      ALTER TABLE events_before_partitioning RENAME CONSTRAINT events_pkey TO events_before_partitioning_pkey;
      DROP INDEX events_branch_day;
      DROP INDEX events_configuration;
      CREATE TABLE events (
        branch_id text NOT NULL,
        seq       bigint NOT NULL,
        day       date NOT NULL,
        type      text NOT NULL,
        at        timestamptz NOT NULL,
        body      jsonb NOT NULL,
        PRIMARY KEY (branch_id, day, seq)
      ) PARTITION BY RANGE (day);
      -- A hall taking its events back after a restore reads them by seq.
      CREATE INDEX events_branch_seq ON events (branch_id, seq);
      DO $do$
      DECLARE m date;
      BEGIN
        FOR m IN SELECT DISTINCT date_trunc('month', day)::date FROM events_before_partitioning LOOP
          PERFORM dawr_month_partition('events', m);
        END LOOP;
      END
      $do$;
      INSERT INTO events SELECT branch_id, seq, day, type, at, body FROM events_before_partitioning;
      DROP TABLE events_before_partitioning;

      -- Each hall's configuration events (services, counters), apart from the log: the fact
      -- builder starts a day from the configuration before it, which must outlive a detached month.
      CREATE TABLE config_events (
        branch_id text NOT NULL,
        seq       bigint NOT NULL,
        type      text NOT NULL,
        body      jsonb NOT NULL,
        PRIMARY KEY (branch_id, seq)
      );
      INSERT INTO config_events SELECT branch_id, seq, type, body FROM events WHERE type IN ('service.saved', 'counter.saved');

      -- The daily roll-up's totals per branch-day (shared/reports/rollup.ts; waits: 30-second
      -- histogram, varints), and two running totals that make any period a few rows per centre:
      -- month to date at each day, and all time through each month (not partitioned: one row per
      -- centre and month). A period = running totals at its end minus those before its start.
      CREATE TABLE rollup_days (
        branch_id      text NOT NULL,
        day            date NOT NULL,
        issued         bigint NOT NULL,
        called         bigint NOT NULL,
        within         bigint NOT NULL,
        served         bigint NOT NULL,
        no_show        bigint NOT NULL,
        cancelled      bigint NOT NULL,
        unfinished     bigint NOT NULL,
        transferred    bigint NOT NULL,
        wait_sum_ms    bigint NOT NULL,
        stints         bigint NOT NULL,
        service_sum_ms bigint NOT NULL,
        rated          bigint NOT NULL,
        rating_sum     bigint NOT NULL,
        waits          bytea NOT NULL,
        PRIMARY KEY (branch_id, day)
      ) PARTITION BY RANGE (day);
      CREATE INDEX rollup_days_day ON rollup_days (day, branch_id);
      CREATE TABLE rollup_month_to_date (LIKE rollup_days, PRIMARY KEY (branch_id, day)) PARTITION BY RANGE (day);
      CREATE TABLE rollup_running_months (
        branch_id      text NOT NULL,
        month          date NOT NULL,
        issued         bigint NOT NULL,
        called         bigint NOT NULL,
        within         bigint NOT NULL,
        served         bigint NOT NULL,
        no_show        bigint NOT NULL,
        cancelled      bigint NOT NULL,
        unfinished     bigint NOT NULL,
        transferred    bigint NOT NULL,
        wait_sum_ms    bigint NOT NULL,
        stints         bigint NOT NULL,
        service_sum_ms bigint NOT NULL,
        rated          bigint NOT NULL,
        rating_sum     bigint NOT NULL,
        waits          bytea NOT NULL,
        PRIMARY KEY (branch_id, month)
      );
      -- Bumped with every roll-up written for a day of the month: the public league's cache key.
      CREATE TABLE rollup_versions (
        month   date PRIMARY KEY,
        version bigint NOT NULL
      );

      -- The per-ticket facts are replaced by the roll-ups: every day is built again from its events.
      DROP TABLE ticket_facts;
      DROP TABLE service_facts;
      UPDATE branch_days SET version = version + 1, marked_at = now();
    `,
  },
  {
    id: 6,
    name: 'the running totals of one day or month for every centre at once (the league)',
    sql: `
      -- The league reads the running totals at a period's end (and before its start) for every
      -- centre: by day (or month) first, one index range instead of a lookup per centre.
      CREATE INDEX rollup_month_to_date_day ON rollup_month_to_date (day, branch_id);
      CREATE INDEX rollup_running_months_month ON rollup_running_months (month, branch_id);
    `,
  },
  {
    id: 7,
    name: "a centre's district in both languages",
    sql: `
      -- One text for both languages becomes two. A district written "Arabic / English" (as the demo
      -- wrote them) is split at its slash; any other stays as it was, in both.
      ALTER TABLE branches ADD COLUMN district_ar text NOT NULL DEFAULT '', ADD COLUMN district_en text NOT NULL DEFAULT '';
      UPDATE branches SET
        district_ar = COALESCE((regexp_match(district, '^([^/]*[ء-ي][^/]*\\S)\\s+/\\s+(\\S[^/]*[A-Za-z][^/]*)$'))[1], district),
        district_en = COALESCE((regexp_match(district, '^([^/]*[ء-ي][^/]*\\S)\\s+/\\s+(\\S[^/]*[A-Za-z][^/]*)$'))[2], district);
      ALTER TABLE branches DROP COLUMN district;
    `,
  },
  {
    id: 8,
    name: "the month-to-date totals of one day for every centre read from the index alone (the league)",
    sql: `
      -- A centre's days are written together (a year at once, or a day rebuilt), so one day's rows
      -- of 5,000 centres lie on some 5,000 pages of the table; the league reads them from an index
      -- by day that carries the totals (every column of a roll-up row, rollups.ts's TOTAL_COLUMNS),
      -- some 300 pages, with no visit to the table where the visibility map allows it.
      DROP INDEX rollup_month_to_date_day;
      CREATE INDEX rollup_month_to_date_day_totals ON rollup_month_to_date (day, branch_id)
        INCLUDE (issued, called, within, served, no_show, cancelled, unfinished, transferred, wait_sum_ms, stints, service_sum_ms, rated, rating_sum, waits);
    `,
  },
];


/** Applies what is new; refuses a schema newer than `list`; records `version` as the schema's writer. */
export async function migrate(pool: pg.Pool, list: readonly Migration[] = migrations, version?: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(7468617)');
    await client.query('CREATE TABLE IF NOT EXISTS migrations (id integer PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Map((await client.query<{ id: number; sha256: string }>('SELECT id, sha256 FROM migrations')).rows.map((r) => [r.id, r.sha256]));
    const newest = Math.max(0, ...applied.keys());
    const known = list.at(-1)?.id ?? 0;
    if (newest > known) {
      const by = await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'writtenBy'").catch(() => ({ rows: [] as { value: string }[] }));
      throw newerError("Central's database", newest, known, by.rows[0]?.value);
    }
    for (const m of list) {
      const known = applied.get(m.id);
      if (known !== undefined) {
        if (known !== hash(m)) throw editedError(m);
        continue;
      }
      await client.query(m.sql);
      await client.query('INSERT INTO migrations (id, name, sha256) VALUES ($1, $2, $3)', [m.id, m.name, hash(m)]);
    }
    if (version && list.some((m) => m.id === 3)) {
      await client.query("INSERT INTO meta (key, value) VALUES ('writtenBy', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [version]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
