// The station end to end, per role, in a real Electron (run by test/electron/run.ts where a
// binary exists). Each test launches its own app in its own data folder.
import assert from 'node:assert/strict';
import type { TicketPrintJob } from '../../shared/protocol/device-bridge.ts';
import { launchStation, stationConfig, type StationApp } from './station-app.ts';

export interface SuiteContext {
  root: string;
  binary: string;
}
export interface StationTest {
  name: string;
  run(ctx: SuiteContext): Promise<void>;
}

const job: TicketPrintJob = {
  jobId: `e2e-${Date.now()}`, ticketId: 't-e2e', number: 'A-001',
  service: { ar: 'رخصة بناء', en: 'Building permit' }, branch: { ar: 'حمص', en: 'Homs' },
  issuedAt: new Date().toISOString(), timeZone: 'Asia/Riyadh', lang: 'ar', priority: 'none',
  trackingUrl: 'http://127.0.0.1:4700/t/E2E001',
};

async function withStation(ctx: SuiteContext, config: Parameters<typeof launchStation>[2], body: (s: StationApp) => Promise<void>) {
  const station = await launchStation(ctx.root, ctx.binary, config);
  try {
    await body(station);
  } finally {
    await station.close();
  }
}

/** Main-process state of the first window, read through Playwright's evaluate in main. */
function firstWindowState(s: StationApp) {
  return s.app.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows()[0]!;
    return { kiosk: w.isKiosk(), fullScreen: w.isFullScreen(), url: w.webContents.getURL(), count: BrowserWindow.getAllWindows().length };
  });
}

export const suite: StationTest[] = [
  {
    name: 'kiosk: opens full screen in kiosk mode on app://dawr/kiosk',
    run: async (ctx) => withStation(ctx, await stationConfig('kiosk'), async (s) => {
      const state = await firstWindowState(s);
      assert.equal(state.url, 'app://dawr/kiosk');
      assert.equal(state.kiosk, true);
    }),
  },
  {
    name: 'counter: opens a normal window',
    run: async (ctx) => withStation(ctx, await stationConfig('counter'), async (s) => {
      const state = await firstWindowState(s);
      assert.equal(state.url, 'app://dawr/counter');
      assert.equal(state.kiosk, false);
    }),
  },
  {
    name: 'the page gets the dawr bridge (verbs and station info) and no Node',
    run: async (ctx) => withStation(ctx, await stationConfig('counter'), async (s) => {
      const seen = await s.page.evaluate(() => {
        const w = window as unknown as { dawr?: Record<string, unknown>; require?: unknown; process?: unknown };
        return { print: typeof w.dawr?.printTicket, station: w.dawr?.station, require: typeof w.require, process: typeof w.process };
      });
      assert.deepEqual(seen, { print: 'function', station: { role: 'counter', hubUrl: 'http://127.0.0.1:9' }, require: 'undefined', process: 'undefined' });
    }),
  },
  {
    name: 'kiosk prints a ticket to the simulated printer',
    run: async (ctx) => {
      // Loaded here, so counting the suite (when skipped) does not load device code.
      const { startPrinterSimulator } = await import('../../electron/devices/simulators/printer-simulator.ts');
      const printer = await startPrinterSimulator();
      try {
        // The device settings follow electron/devices' StationDevicesConfig (a TCP printer).
        const config = await stationConfig('kiosk', { devices: { printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port } } });
        await withStation(ctx, config, async (s) => {
          const printed = printer.nextTicket();
          const result = await s.page.evaluate((j) => (window as unknown as { dawr: { printTicket(j: unknown): Promise<unknown> } }).dawr.printTicket(j), job);
          assert.deepEqual(result, { ok: true, jobId: job.jobId, printerState: 'ready' });
          await printed;
        });
      } finally {
        await printer.close();
      }
    },
  },
  {
    name: 'a bad print job is refused by main with {ok:false}',
    run: async (ctx) => withStation(ctx, await stationConfig('kiosk'), async (s) => {
      const result = await s.page.evaluate((j) => (window as unknown as { dawr: { printTicket(j: unknown): Promise<{ ok: boolean; message?: string }> } }).dawr.printTicket({ ...j, trackingUrl: 'http://x/تتبع' }), job);
      assert.equal(result.ok, false);
      assert.match(result.message ?? '', /ASCII/);
    }),
  },
  {
    name: 'navigation, redirects and window.open cannot take the window away',
    run: async (ctx) => withStation(ctx, await stationConfig('counter'), async (s) => {
      const opened = await s.page.evaluate(() => window.open('https://example.com/') === null);
      assert.equal(opened, true);
      await s.page.evaluate(() => { window.location.href = 'https://example.com/'; });
      await s.page.evaluate(() => { const a = document.createElement('a'); a.href = 'file:///etc/passwd'; document.body.append(a); a.click(); });
      const state = await firstWindowState(s);
      assert.equal(state.url, 'app://dawr/counter');
      assert.equal(state.count, 1);
    }),
  },
  {
    name: 'app:// serves nothing outside the bundled renderer',
    run: async (ctx) => withStation(ctx, await stationConfig('counter'), async (s) => {
      const statuses = await s.page.evaluate(async () => Promise.all(
        ['app://dawr/..%2f..%2fpackage.json', 'app://dawr/%2e%2e/%2e%2e/package.json', 'app://station/..%2f..%2fpackage.json']
          .map(async (u) => (await fetch(u)).status),
      ));
      for (const status of statuses) assert.ok([400, 403, 404].includes(status), `status ${status}`);
    }),
  },
  {
    name: 'first run: an unconfigured station shows the setup page',
    run: async (ctx) => withStation(ctx, null, async (s) => {
      assert.equal(s.page.url(), 'app://station/first-run/index.html');
      assert.equal(await s.page.locator('[data-testid="role"]').count(), 1);
    }),
  },
];
