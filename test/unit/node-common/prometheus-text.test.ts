// The strict exposition-format parser the /metrics tests read with (test/support/prometheus-text.ts):
// it reads what prom-client writes, and refuses what Prometheus would refuse or mis-read.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parsePrometheusText, samplesOf, valueOf } from '../../support/prometheus-text.ts';

describe('the exposition-format parser of the tests', () => {
  it("reads prom-client's output: types, help, escaped label values, histograms", async () => {
    const registry = new Registry();
    new Counter({ name: 'x_events_total', help: 'Events\\counted\nhere', registers: [registry] }).inc(3);
    new Gauge({ name: 'x_waiting', help: 'Waiting', labelNames: ['service'], registers: [registry] }).set({ service: 'a "quoted"\\ one\n' }, 2);
    const h = new Histogram({ name: 'x_seconds', help: 'Latency', buckets: [0.001, 0.01], registers: [registry] });
    h.observe(0.0005);
    h.observe(0.005);
    h.observe(2);
    const f = parsePrometheusText(await registry.metrics());
    expect(f.get('x_events_total')).toMatchObject({ type: 'counter', help: 'Events\\counted\nhere' });
    expect(valueOf(f, 'x_events_total')).toBe(3);
    expect(valueOf(f, 'x_waiting', { service: 'a "quoted"\\ one\n' })).toBe(2);
    expect(f.get('x_seconds')?.type).toBe('histogram');
    expect(valueOf(f, 'x_seconds_count')).toBe(3);
    expect(valueOf(f, 'x_seconds_bucket', { le: '0.01' })).toBe(2);
    expect(valueOf(f, 'x_seconds_bucket', { le: '+Inf' })).toBe(3);
    expect(samplesOf(f, 'x_seconds_bucket')).toHaveLength(3);
  });

  it('reads NaN, ±Inf, timestamps, comments and blank lines', () => {
    const f = parsePrometheusText('# a comment\n\n# TYPE a gauge\na NaN\nb{x="1",} +Inf 1700000000000\nc -Inf\n');
    expect(valueOf(f, 'a')).toBeNaN();
    expect(f.get('b')?.samples[0]).toEqual({ name: 'b', labels: { x: '1' }, value: Infinity, timestamp: 1700000000000 });
    expect(valueOf(f, 'c')).toBe(-Infinity);
  });

  it.each([
    ['no final line feed', 'a 1'],
    ['a bad metric name', '1a 1\n'],
    ['a bad label name', 'a{1x="v"} 1\n'],
    ['an unclosed label value', 'a{x="v} 1\n'],
    ['a bad escape', 'a{x="\\t"} 1\n'],
    ['a label twice', 'a{x="1",x="2"} 1\n'],
    ['a series twice', 'a{x="1"} 1\na{x="1"} 2\n'],
    ['a value that is not a number', 'a 1,5\n'],
    ['a value missing', 'a{x="1"}\n'],
    ['junk after the timestamp', 'a 1 2 3\n'],
    ['TYPE twice', '# TYPE a gauge\n# TYPE a gauge\na 1\n'],
    ['TYPE after the samples', 'a 1\n# TYPE a gauge\n'],
    ['HELP twice', '# HELP a x\n# HELP a y\na 1\n'],
    ['an unknown type', '# TYPE a meter\na 1\n'],
    ['a family split in two groups', 'a{x="1"} 1\nb 1\na{x="2"} 1\n'],
    ['a negative counter', '# TYPE a_total counter\na_total -1\n'],
    ['a histogram without +Inf', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
    ['falling buckets', '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="2"} 1\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 2\n'],
    ['a count that is not the +Inf bucket', '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 3\n'],
    ['a histogram without _sum', '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_count 2\n'],
  ])('refuses %s', (_what, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
