// Where the tail of a request comes from: when DAWR_TIMINGS=FILE is set, the hub records each
// request's span, each commit's append (the fsync), each batch's deciding (where the quote at
// issue is made), every GC pause and the event loop's delay, and writes them to FILE when it
// stops. The hub benchmark reads the file and prints the breakdown of its slowest requests. Off
// by default: nothing is recorded, nothing costs.
import { writeFileSync } from 'node:fs';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface Span {
  start: number;
  ms: number;
}

export interface TimingsDump {
  requests: (Span & { url: string })[];
  appends: (Span & { events: number })[];
  /** Each flush's deciding of its commands (the quote at issue is made there). */
  decides: (Span & { commands: number })[];
  gc: (Span & { kind: number })[];
  loopDelayMs: { p50: number; p99: number; max: number };
}

export interface Timings {
  readonly on: boolean;
  request(url: string, start: number): void;
  append(start: number, events: number): void;
  decide(start: number, commands: number): void;
  stop(): void;
}

const OFF: Timings = { on: false, request() {}, append() {}, decide() {}, stop() {} };

export function createTimings(file = process.env.DAWR_TIMINGS): Timings {
  if (!file) return OFF;
  const dump: TimingsDump = { requests: [], appends: [], decides: [], gc: [], loopDelayMs: { p50: 0, p99: 0, max: 0 } };
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) dump.gc.push({ start: e.startTime, ms: e.duration, kind: ((e as { detail?: { kind?: number } }).detail)?.kind ?? 0 });
  });
  gc.observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let stopped = false;
  return {
    on: true,
    request: (url, start) => void dump.requests.push({ url, start, ms: performance.now() - start }),
    append: (start, events) => void dump.appends.push({ start, ms: performance.now() - start, events }),
    decide: (start, commands) => void dump.decides.push({ start, ms: performance.now() - start, commands }),
    stop() {
      if (stopped) return;
      stopped = true;
      gc.disconnect();
      loop.disable();
      dump.loopDelayMs = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
      writeFileSync(file, JSON.stringify(dump));
    },
  };
}
