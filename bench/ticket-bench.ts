// Ticket benchmark (brief §9: ticket raster <= 50 ms; a ticket <= 12 KB to the printer, < 3 s at
// 38,400 baud). First the bytes sent per ticket and the time they take on a serial line (8N1: 10
// bits a byte) for each printer profile, then the raster time (SVG layout + resvg + 1-bit pack),
// per width, after a warm-up, p50/p95. Asserts nothing (timing belongs here, not in tests).
//   ./dawr npm run bench:ticket [-- iterations]
import { ticketBytes, type PrinterProfile } from '../electron/devices/printer/ticket-bytes.ts';
import { renderTicketRaster } from '../electron/devices/ticket-raster.ts';
import { sampleJob } from '../test/support/ticket-fixtures.ts';

const iterations = Number(process.argv[2] ?? 200);
const job = sampleJob({ jobId: 'bench', ticketId: 'bench', priority: 'elderly' });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const profiles: [string, PrinterProfile][] = [
  ['fonts + native QR', { fonts: true, nativeQr: true }],
  ['native QR only', { fonts: false, nativeQr: true }],
  ['raster only (fallback)', { fonts: false, nativeQr: false }],
];
const seconds = (bytes: number, baud: number) => ((bytes * 10) / baud).toFixed(2);
console.log('bytes per ticket (sample ticket, Arabic + English; "priority" adds the black priority band):');
for (const widthDots of [384, 576] as const) {
  for (const [name, profile] of profiles) {
    for (const priority of ['none', 'elderly'] as const) {
      const bytes = ticketBytes({ ...job, priority }, { widthDots, ...profile }).length;
      console.log(
        `  ${widthDots} dots, ${name.padEnd(22)} ${priority === 'none' ? 'plain   ' : 'priority'}: ${String(bytes).padStart(6)} B ` +
          `(${(bytes / 1024).toFixed(1)} KB), ${seconds(bytes, 38_400)} s at 38,400 baud, ${seconds(bytes, 115_200)} s at 115,200`,
      );
    }
  }
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
