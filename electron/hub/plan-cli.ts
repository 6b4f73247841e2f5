// `./dawr plan --arrivals-per-hour A --service-minutes S --target-wait T --service-level P [--json]`:
// the counters one service needs (the smallest number meeting the target by Erlang C) and the
// service level, mean wait and occupancy that gives. P is a share (0.8) or a percentage (80).
import { parseArgs } from 'node:util';
import { countersNeeded } from '../../shared/domain/erlang.ts';

function num(v: string | undefined, flag: string): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(n)) throw new Error(`${flag} needs a number${v === undefined ? '' : `, not ${v}`}`);
  return n;
}

export function plan(argv: string[]): string {
  const { values } = parseArgs({
    args: argv,
    options: { 'arrivals-per-hour': { type: 'string' }, 'service-minutes': { type: 'string' }, 'target-wait': { type: 'string' }, 'service-level': { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const arrivalsPerHour = num(values['arrivals-per-hour'], '--arrivals-per-hour');
  const serviceMinutes = num(values['service-minutes'], '--service-minutes');
  const targetWaitMinutes = num(values['target-wait'], '--target-wait');
  let serviceLevel = num(values['service-level'], '--service-level');
  if (serviceLevel >= 1 && serviceLevel < 100) serviceLevel /= 100;
  if (arrivalsPerHour < 0 || serviceMinutes <= 0 || targetWaitMinutes < 0 || !(serviceLevel > 0 && serviceLevel < 1)) {
    throw new Error('give arrivals ≥ 0 per hour, service minutes > 0, a target wait ≥ 0 minutes and a service level between 0 and 1 (or 1–99 %)');
  }
  const p = countersNeeded({ arrivalsPerHour, serviceMinutes, targetWaitMinutes, serviceLevel });
  const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
  if (values.json) {
    return JSON.stringify({
      counters: p.counters, serviceLevel: round(p.serviceLevel), meanWaitMinutes: round(p.meanWaitMinutes, 2), probabilityOfWaiting: round(p.probabilityOfWaiting),
      occupancy: round(p.occupancy), offeredLoad: round(p.offeredLoad, 3), model: 'erlang-c', input: { arrivalsPerHour, serviceMinutes, targetWaitMinutes, serviceLevel },
    });
  }
  const pc = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    `${arrivalsPerHour} arrivals an hour × ${serviceMinutes} min each = ${p.offeredLoad.toFixed(2)} counters' worth of work (Erlang C, one queue)`,
    `counters needed: ${p.counters}`,
    `  called within ${targetWaitMinutes} min: ${pc(p.serviceLevel)} (target ${pc(serviceLevel)})`,
    `  mean wait: ${p.meanWaitMinutes.toFixed(1)} min; ${pc(p.probabilityOfWaiting)} wait at all; counters busy ${pc(p.occupancy)} of the time`,
  ].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  console.log(plan(argv));
}
