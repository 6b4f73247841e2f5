// Browser tests: builds the renderer (vite → dist/renderer), then runs the Playwright suite with
// the system Chromium. Each spec starts its own real hub (`dawr hub --demo`, free port, temp
// data folder; see hub-process.ts). Writes {"passed","failed","skipped"} to $DAWR_TALLY.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildRenderer } from '../../scripts/build-renderer.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const chromium = process.env.DAWR_CHROMIUM ?? '/usr/bin/chromium';
const tallyFile = process.env.DAWR_TALLY;
const pw = `${root}node_modules/@playwright/test/cli.js`;
const config = `${root}test/e2e/playwright.config.ts`;

type Tally = { passed: number; failed: number; skipped: number; failures?: string[] };
const writeTally = (t: Tally) => {
  if (tallyFile) writeFileSync(tallyFile, JSON.stringify(t));
  console.log(`e2e: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
};

type Suite = { specs?: { tests?: unknown[] }[]; suites?: Suite[] };
const countIn = (s: Suite): number => (s.specs ?? []).reduce((n, sp) => n + (sp.tests?.length ?? 1), 0) + (s.suites ?? []).reduce((n, x) => n + countIn(x), 0);

/** How many tests there are, without a browser (`--list`), so a skip is counted honestly. */
function countTests(): number {
  const r = spawnSync(process.execPath, [pw, 'test', '-c', config, '--list', '--reporter=json'], { cwd: root, encoding: 'utf8' });
  try {
    return Math.max(1, countIn(JSON.parse(r.stdout) as Suite));
  } catch {
    return 1;
  }
}

if (!existsSync(chromium)) {
  console.log(`e2e: skipped — no Chromium at ${chromium} (install it: apt-get install -y chromium; or set DAWR_CHROMIUM).`);
  writeTally({ passed: 0, failed: 0, skipped: countTests() });
  process.exit(0);
}

console.log('e2e: building the renderer (vite build → dist/renderer)');
if (!buildRenderer()) {
  console.log('e2e: the renderer build failed');
  writeTally({ passed: 0, failed: 1, skipped: 0 });
  process.exit(1);
}

const report = `${root}test-results/e2e-report.json`;
rmSync(report, { force: true });
mkdirSync(`${root}test-results/screens`, { recursive: true });
const args = [pw, 'test', '-c', config, ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, DAWR_CHROMIUM: chromium } });

if (!existsSync(report)) {
  writeTally({ passed: 0, failed: 1, skipped: 0 });
  process.exit(1);
}
type ReportSuite = { title?: string; file?: string; specs?: { title: string; file?: string; line?: number; tests?: { projectName?: string; status?: string }[] }[]; suites?: ReportSuite[] };
const parsed = JSON.parse(readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number }; suites?: ReportSuite[] };
const stats = parsed.stats;
/** Every failure by name, for `./dawr test`'s summary; a flaky one (it passed only on its retry) is a failure of the run. */
const failed: { name: string; flaky: boolean }[] = [];
const walk = (s: ReportSuite) => {
  for (const sp of s.specs ?? [])
    for (const t of sp.tests ?? [])
      if (t.status === 'flaky' || t.status === 'unexpected') failed.push({ name: `${sp.file ?? s.file ?? ''}:${sp.line ?? ''} › ${sp.title}${t.projectName ? ` [${t.projectName}]` : ''}`, flaky: t.status === 'flaky' });
  for (const x of s.suites ?? []) walk(x);
};
for (const s of parsed.suites ?? []) walk(s);
const flakyNames = failed.filter((f) => f.flaky).map((f) => f.name);
const failures = failed.map((f) => (f.flaky ? `${f.name} (passed only on its retry)` : f.name));
// The retry stays for the report (the first attempt's trace and screenshot are kept), not for the
// verdict: a test that needed it is a flake to fix, and the run fails.
const tally = { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped, failures };
if (stats.flaky) console.log(`e2e: FAILED — ${stats.flaky} test(s) passed only on their retry (a flake to fix, not a pass):\n${flakyNames.map((n) => `  ${n}`).join('\n')}`);
writeTally(tally);
process.exit(r.status === 0 && tally.failed === 0 ? 0 : 1);
