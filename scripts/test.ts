// `./dawr test`: every check, in order — lint (import boundaries), types per layer, the hub's bundle, unit and
// integration tests (vitest), browser tests (Playwright with the system Chromium), then the
// Electron suite where a binary exists. Ends with one line: `N passed, N failed, N skipped`.
//   ./dawr test                 everything
//   ./dawr test --quick         lint, types and unit tests only
//   ./dawr test <vitest filter> only matching vitest files (no lint/types/browser)
// Everything includes central's integration tests a second time on the system's own PostgreSQL 15
// (Debian's `postgresql`, as a municipality's server would be: DAWR_TEST_PG=15); without that
// server installed they are reported skipped, with the reason.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { systemPostgresMissing } from '../test/support/system-postgres.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string, file: string) => `${root}node_modules/${name}/${file}`;
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filters = args.filter((a) => !a.startsWith('--'));

type Tally = { passed: number; failed: number; skipped: number; failures?: string[] };
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const steps: string[] = [];
/** The failed tests by name, repeated under the summary: CI keeps only the end of the output. */
const failures: string[] = [];

function run(label: string, argv: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${label}`);
  const r = spawnSync(process.execPath, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  steps.push(`${ok ? 'ok    ' : 'FAILED'} ${label}`);
  return ok;
}

function check(label: string, argv: string[]) {
  if (run(label, argv)) total.passed++;
  else total.failed++;
}

function vitestJson(label: string, extra: string[], env: Record<string, string> = {}) {
  mkdirSync(`${root}test-results`, { recursive: true });
  const out = `${root}test-results/vitest-${label}.json`;
  rmSync(out, { force: true });
  const ok = run(`vitest ${label}`, [bin('vitest', 'vitest.mjs'), 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  if (!existsSync(out)) {
    total.failed++;
    return;
  }
  type Assertion = { status: string; fullName: string; failureMessages?: string[] };
  const r = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; testResults: { name: string; status: string; message?: string; assertionResults?: Assertion[] }[] };
  total.passed += r.numPassedTests;
  total.failed += r.numFailedTests;
  total.skipped += r.numPendingTests + r.numTodoTests;
  // A file that fails to load counts as a failure even though it holds no test result.
  let broken = 0;
  for (const f of r.testResults) {
    const file = f.name.startsWith(root) ? f.name.slice(root.length) : f.name;
    if (f.status === 'failed' && f.message) {
      broken++;
      failures.push(`vitest ${label}: ${file} — ${firstLine(f.message)}`);
    }
    for (const a of f.assertionResults ?? []) if (a.status === 'failed') failures.push(`vitest ${label}: ${file} › ${a.fullName} — ${firstLine(a.failureMessages?.[0] ?? '')}`);
  }
  if (!ok && r.numFailedTests === 0) total.failed += Math.max(1, broken);
}

/** An error's first line, short enough for the summary. */
function firstLine(message: string): string {
  const line = message.split('\n').find((l) => l.trim()) ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

if (filters.length) {
  vitestJson('filtered', filters);
} else {
  check('lint (import boundaries)', [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings=0']);
  check('typecheck (one tsconfig per layer)', ['scripts/typecheck.ts']);
  // The hub as `./dawr hub` runs it (the tests' hub processes start the bundle): built once, here.
  check('hub bundle (scripts/build-hub.ts)', ['scripts/build-hub.ts']);
  vitestJson(quick ? 'unit' : 'all', quick ? ['--project', 'unit'] : []);
  if (!quick) {
    // Central on a separately installed PostgreSQL (Debian's 15), as well as the embedded 18.
    const SYSTEM_PG = '15';
    const missing = systemPostgresMissing(SYSTEM_PG);
    if (missing) {
      console.log(`\n=== vitest central on PostgreSQL ${SYSTEM_PG}: skipped — ${missing}`);
      steps.push(`skipped vitest central on PostgreSQL ${SYSTEM_PG} (${missing})`);
      total.skipped++;
    } else {
      // The files whose SQL depends on the server: the schema, its migrations and an upgrade,
      // partitions, COPY, roll-ups and the league, the catalogue, metrics. Accounts, replication,
      // recovery and TLS run the same statements and are left to the first pass (~60 s saved).
      // Named as filters: vitest's --exclude did not take these paths.
      const serverSql = ['api', 'catalogue', 'history-at-scale', 'metrics', 'public-surfaces', 'upgrade'].map((f) => `test/integration/central/${f}.test.ts`);
      vitestJson(`central-pg${SYSTEM_PG}`, serverSql, { DAWR_TEST_PG: SYSTEM_PG });
    }
    for (const suite of ['test/e2e/run.ts', 'test/electron/run.ts']) {
      if (!existsSync(`${root}${suite}`)) continue;
      const resultFile = `${root}test-results/${suite.split('/')[1]}-tally.json`;
      rmSync(resultFile, { force: true });
      const ok = run(suite, [suite], { DAWR_TALLY: resultFile });
      if (existsSync(resultFile)) {
        const t = JSON.parse(readFileSync(resultFile, 'utf8')) as Tally;
        total.passed += t.passed;
        total.failed += t.failed;
        total.skipped += t.skipped;
        for (const f of t.failures ?? []) failures.push(`${suite}: ${f}`);
        if (!ok && t.failed === 0) total.failed++;
      } else if (!ok) total.failed++;
    }
  }
}

console.log('\n=== summary');
for (const s of steps) console.log(s);
if (failures.length) console.log(`\nfailed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed ? 1 : 0);
