// Ticket raster benchmark (brief §9: ticket raster <= 50 ms). SVG layout + resvg + 1-bit pack,
// per width, after a warm-up. Prints p50/p95; asserts nothing (timing belongs here, not in tests).
//   ./dawr node bench/ticket-bench.ts [iterations]
import { renderTicketRaster } from '../electron/devices/ticket-raster.ts';
import { sampleJob } from '../test/support/ticket-fixtures.ts';

const iterations = Number(process.argv[2] ?? 200);
const job = sampleJob({ jobId: 'bench', ticketId: 'bench', priority: 'elderly' });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

for (const widthDots of [384, 576] as const) {
  for (const qr of ['none', 'inline'] as const) {
    for (let i = 0; i < 10; i++) renderTicketRaster(job, { widthDots, qr });
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t0 = performance.now();
      renderTicketRaster({ ...job, number: `A-${String(i % 999).padStart(3, '0')}` }, { widthDots, qr });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`ticket raster ${widthDots} dots, qr ${qr}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (n=${iterations})`);
  }
}
