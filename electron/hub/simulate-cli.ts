// `./dawr simulate [scenario.json …] [--seed N] [--days D] [--history H] [--json]`: simulated hall days driven
// through the real domain code (shared/sim), printing waits, service level, counter utilisation
// and the expected-wait accuracy against the baselines. Without files: the examples in
// resources/scenarios. The hall has run H days before (default 5, seeds 9001…): its usual day
// (eta-usual.ts) is learnt from them, as the hub learns it from its store; --history 0: a new hall.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatReport, report } from '../../shared/sim/accuracy.ts';
import { parseScenario } from '../../shared/sim/scenario.ts';
import { simulateDay, usualDayOf } from '../../shared/sim/simulate.ts';

export const SCENARIO_DIR = fileURLToPath(new URL('../../resources/scenarios/', import.meta.url));

export function loadScenario(path: string) {
  try {
    return parseScenario(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { seed: { type: 'string', default: '1' }, days: { type: 'string', default: '1' }, history: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const seed = Number(values.seed);
  const days = Number(values.days);
  const history = Number(values.history);
  if (!Number.isInteger(seed) || !Number.isInteger(days) || days < 1) throw new Error('--seed and --days take whole numbers (days ≥ 1)');
  if (!Number.isInteger(history) || history < 0 || history > 30) throw new Error('--history takes a whole number of days, 0–30');
  const files = positionals.length > 0 ? positionals : readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(SCENARIO_DIR, f));
  const results = [];
  for (const file of files) {
    const scenario = loadScenario(file);
    const t0 = performance.now();
    const usual = history > 0 ? usualDayOf(scenario, history) : undefined;
    const runs = Array.from({ length: days }, (_x, d) => simulateDay(scenario, seed + d, usual ? { usual } : {}));
    const ms = performance.now() - t0;
    const r = report(runs);
    if (values.json) results.push({ scenario: scenario.name, file, seed, simulatedInMs: Math.round(ms), ...r });
    else console.log(`${formatReport(`${scenario.name} (seed ${seed}${days > 1 ? `–${seed + days - 1}` : ''})`, r)}\n  simulated in ${(ms / 1000).toFixed(1)} s\n`);
  }
  if (values.json) console.log(JSON.stringify(results, null, 1));
}
