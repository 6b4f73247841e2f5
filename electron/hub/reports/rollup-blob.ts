// A closed day's roll-up as the hall stores it: one BLOB per day (report_day_rollups), the day's
// rows as the typed columns the reports read (shared/reports/rollup.ts RollupBlock) and its
// counters' time. Read back, the columns are copies of the stored bytes: a year of a busy hall
// (313 days, some 80,000 rows) is read in a few tens of ms, where one SQLite row per roll-up row
// took most of a second.
//
//   u32 header length | header (JSON: format, names, counters, array lengths) | padding to 8 |
//   each array of BLOCK_ARRAYS in order, little-endian, each padded to 8 bytes
import { BLOCK_ARRAYS, type BlockColumns, type CounterTimeRow, RollupBlock } from '../../../shared/reports/rollup.ts';

const FORMAT = 1;
const SIZE = { u8: 1, u16: 2, u32: 4, f64: 8 } as const;
const pad8 = (n: number) => (n + 7) & ~7;

export function encodeDay(block: RollupBlock, counters: readonly CounterTimeRow[]): Buffer {
  const c = block.columns as unknown as Record<string, ArrayBufferView & { length: number }>;
  const header = Buffer.from(JSON.stringify({
    format: FORMAT, names: block.names,
    counters: counters.map((x) => [x.counterId, x.clerkId, x.openMs, x.breakMs]),
    lengths: BLOCK_ARRAYS.map(([k]) => c[k]!.length),
  }), 'utf8');
  const start = pad8(4 + header.length);
  let size = start;
  for (const [k] of BLOCK_ARRAYS) size += pad8(c[k]!.byteLength);
  const out = Buffer.alloc(size);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let at = start;
  for (const [k] of BLOCK_ARRAYS) {
    const a = c[k]!;
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, at);
    at += pad8(a.byteLength);
  }
  return out;
}

export function decodeDay(day: string, bytes: Uint8Array): { block: RollupBlock; counters: CounterTimeRow[] } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = buf.readUInt32LE(0);
  const h = JSON.parse(buf.toString('utf8', 4, 4 + len)) as { format: number; names: string[]; counters: [string, string | null, number, number][]; lengths: number[] };
  if (h.format !== FORMAT) throw new Error(`a day's roll-up in format ${h.format}; this build reads ${FORMAT}`);
  const c: Record<string, unknown> = { names: h.names };
  const start = pad8(4 + len);
  // One copy of the columns per day, in a buffer of their own: every column is then aligned for
  // its type (the stored bytes are 8-aligned within the BLOB, not in memory) and a day is one block.
  const ab = buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.byteLength);
  let at = 0;
  BLOCK_ARRAYS.forEach(([k, t], i) => {
    const n = h.lengths[i]!;
    c[k] = t === 'u8' ? new Uint8Array(ab, at, n) : t === 'u16' ? new Uint16Array(ab, at, n) : t === 'u32' ? new Uint32Array(ab, at, n) : new Float64Array(ab, at, n);
    at += pad8(n * SIZE[t]);
  });
  return {
    block: new RollupBlock(day, c as unknown as BlockColumns),
    counters: h.counters.map(([counterId, clerkId, openMs, breakMs]) => ({ day, counterId, clerkId, openMs, breakMs })),
  };
}
