// A strict parser of the Prometheus text exposition format 0.0.4, for the tests of GET /metrics.
// Written here because no maintained npm package parses it: parse-prometheus-text-format (the
// only one in use) has had no release in years, and prom-client's maintainers point at it as
// unmaintained (prometheus/client_js#497). It refuses what Prometheus would refuse or mis-read:
// bad names, bad escapes, a label twice, a series twice, a family split in two groups, HELP or
// TYPE twice or after the family's samples, a value that is not a float, a histogram without
// its +Inf bucket, buckets that fall, or a _count that is not the +Inf bucket, a missing final
// newline. Format: https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help?: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export class ExpositionError extends Error {
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

/** A float as Go's ParseFloat takes it (what Prometheus uses): decimal, NaN, ±Inf. */
function parseValue(s: string, line: number): number {
  const lower = s.toLowerCase();
  if (lower === 'nan') return NaN;
  if (['inf', '+inf', 'infinity', '+infinity'].includes(lower)) return Infinity;
  if (['-inf', '-infinity'].includes(lower)) return -Infinity;
  if (!FLOAT.test(s)) throw new ExpositionError(line, `not a number: ${JSON.stringify(s)}`);
  return Number(s);
}

/** Unescapes a HELP text: only \\ and \n are escapes there. */
function unescapeHelp(s: string, line: number): string {
  return s.replace(/\\(.?)/g, (_m, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    throw new ExpositionError(line, `bad escape \\${c} in HELP`);
  });
}

function parseSampleLine(text: string, line: number): Sample {
  let i = 0;
  const blanks = () => {
    while (text[i] === ' ' || text[i] === '\t') i++;
  };
  const name = METRIC_NAME.exec(text)?.[0];
  if (!name) throw new ExpositionError(line, `not a metric name: ${JSON.stringify(text.slice(0, 40))}`);
  i = name.length;
  const labels: Record<string, string> = {};
  const afterName = i;
  blanks();
  if (text[i] !== '{') i = afterName;
  else {
    i++;
    blanks();
    while (text[i] !== '}') {
      const label = LABEL_NAME.exec(text.slice(i))?.[0];
      if (!label) throw new ExpositionError(line, `not a label name at ${JSON.stringify(text.slice(i, i + 20))}`);
      if (label in labels) throw new ExpositionError(line, `label ${label} twice`);
      i += label.length;
      blanks();
      if (text[i++] !== '=') throw new ExpositionError(line, `= expected after label ${label}`);
      blanks();
      if (text[i++] !== '"') throw new ExpositionError(line, `" expected to open the value of ${label}`);
      let value = '';
      for (;;) {
        const c = text[i++];
        if (c === undefined) throw new ExpositionError(line, `the value of ${label} is not closed`);
        if (c === '"') break;
        if (c === '\\') {
          const e = text[i++];
          if (e === '\\' || e === '"') value += e;
          else if (e === 'n') value += '\n';
          else throw new ExpositionError(line, `bad escape \\${e ?? ''} in the value of ${label}`);
        } else value += c;
      }
      labels[label] = value;
      blanks();
      if (text[i] === ',') {
        i++;
        blanks();
      } else if (text[i] !== '}') throw new ExpositionError(line, `, or } expected after the value of ${label}`);
    }
    i++;
  }
  if (text[i] !== ' ' && text[i] !== '\t') throw new ExpositionError(line, `a blank and a value expected after ${name}`);
  const rest = text.slice(i).trim().split(/[ \t]+/);
  if (rest.length < 1 || rest.length > 2 || rest[0] === '') throw new ExpositionError(line, `a value and at most a timestamp expected, not ${JSON.stringify(text.slice(i))}`);
  const sample: Sample = { name, labels, value: parseValue(rest[0]!, line) };
  if (rest[1] !== undefined) {
    if (!/^-?\d+$/.test(rest[1])) throw new ExpositionError(line, `not a timestamp: ${rest[1]}`);
    sample.timestamp = Number(rest[1]);
  }
  return sample;
}

const seriesKey = (s: Sample) => `${s.name}{${Object.entries(s.labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;

/** The family a sample belongs to: its own name, or a histogram's or summary's whose suffix it carries. */
function familyOf(name: string, families: Map<string, Family>): string {
  for (const [suffix, types] of [['_bucket', ['histogram']], ['_sum', ['histogram', 'summary']], ['_count', ['histogram', 'summary']]] as const) {
    if (!name.endsWith(suffix)) continue;
    const base = families.get(name.slice(0, -suffix.length));
    if (base && (types as readonly string[]).includes(base.type)) return base.name;
  }
  return name;
}

function checkFamily(f: Family): void {
  if (f.type === 'counter') {
    for (const s of f.samples) if (s.value < 0) throw new Error(`${f.name}: a counter below zero (${s.value})`);
  }
  if (f.type !== 'histogram' && f.type !== 'summary') return;
  // Group the family's samples by their labels other than le / quantile.
  const groups = new Map<string, { buckets: [number, number][]; count?: number; sum?: number }>();
  for (const s of f.samples) {
    const { le, quantile, ...rest } = s.labels;
    const key = seriesKey({ name: '', labels: rest, value: 0 });
    const g = groups.get(key) ?? { buckets: [] };
    groups.set(key, g);
    if (s.name === `${f.name}_bucket`) {
      if (f.type !== 'histogram' || le === undefined) throw new Error(`${f.name}: a bucket without le`);
      g.buckets.push([parseValue(le, 0), s.value]);
    } else if (s.name === `${f.name}_count`) g.count = s.value;
    else if (s.name === `${f.name}_sum`) g.sum = s.value;
    else if (f.type === 'summary' && s.name === f.name) {
      if (quantile === undefined) throw new Error(`${f.name}: a summary sample without quantile`);
    } else throw new Error(`${f.name}: ${s.name} does not belong to a ${f.type}`);
  }
  for (const [key, g] of groups) {
    if (g.count === undefined || g.sum === undefined) throw new Error(`${f.name}${key}: _count and _sum are required`);
    if (f.type !== 'histogram') continue;
    const sorted = g.buckets.sort((a, b) => a[0] - b[0]);
    if (sorted.at(-1)?.[0] !== Infinity) throw new Error(`${f.name}${key}: no le="+Inf" bucket`);
    for (let i = 1; i < sorted.length; i++) if (sorted[i]![1] < sorted[i - 1]![1]) throw new Error(`${f.name}${key}: bucket le=${sorted[i]![0]} holds fewer than le=${sorted[i - 1]![0]}`);
    if (sorted.at(-1)![1] !== g.count) throw new Error(`${f.name}${key}: _count ${g.count} is not the +Inf bucket ${sorted.at(-1)![1]}`);
  }
}

/** Parses an exposition; throws on anything the format does not allow. */
export function parsePrometheusText(text: string): Map<string, Family> {
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('the last line must end with a line feed');
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  /** Families whose group has ended: a sample of one of them again means the family was split. */
  const closed = new Set<string>();
  const typed = new Set<string>();
  let current: string | undefined;
  const enter = (name: string) => {
    if (current === name) return;
    if (current !== undefined) closed.add(current);
    if (closed.has(name)) throw new Error(`${name}: its lines are not in one group`);
    current = name;
  };
  const lines = text.split('\n');
  lines.pop();
  lines.forEach((raw, index) => {
    const n = index + 1;
    const line = raw.replace(/^[ \t]+/, '');
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
      if (!m) return; // a comment
      const [, kind, name, rest = ''] = m as unknown as [string, 'HELP' | 'TYPE', string, string | undefined];
      if (!METRIC_NAME.test(name) || METRIC_NAME.exec(name)![0] !== name) throw new ExpositionError(n, `not a metric name: ${name}`);
      enter(name);
      const f = families.get(name) ?? { name, type: 'untyped' as MetricType, samples: [] };
      families.set(name, f);
      if (kind === 'HELP') {
        if (f.help !== undefined) throw new ExpositionError(n, `HELP of ${name} twice`);
        f.help = unescapeHelp(rest, n);
      } else {
        const type = rest.trim() as MetricType;
        if (!TYPES.has(type)) throw new ExpositionError(n, `unknown type ${JSON.stringify(rest)}`);
        if (typed.has(name)) throw new ExpositionError(n, `TYPE of ${name} twice`);
        if (f.samples.length > 0) throw new ExpositionError(n, `TYPE of ${name} after its samples`);
        f.type = type;
        typed.add(name);
      }
      return;
    }
    const s = parseSampleLine(line, n);
    const key = seriesKey(s);
    if (seen.has(key)) throw new ExpositionError(n, `series ${key} twice`);
    seen.add(key);
    const name = familyOf(s.name, families);
    enter(name);
    const f = families.get(name) ?? { name, type: 'untyped' as MetricType, samples: [] };
    families.set(name, f);
    f.samples.push(s);
  });
  for (const f of families.values()) checkFamily(f);
  return families;
}

const sameLabels = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);

/** The value of the one sample named `name` with exactly these labels; undefined when there is none. */
export function valueOf(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const f of families.values()) for (const s of f.samples) if (s.name === name && sameLabels(s.labels, labels)) return s.value;
  return undefined;
}

/** Every sample named `name`. */
export function samplesOf(families: Map<string, Family>, name: string): Sample[] {
  return [...families.values()].flatMap((f) => f.samples.filter((s) => s.name === name));
}
