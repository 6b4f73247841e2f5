// `./dawr start`: the hall on this machine. With an Electron binary, the all-in-one station;
// without one (as on a server or this build machine), the hub with the demo hall in the
// browser — building the screens first when they are missing or older than their sources — and
// the simulated devices: tickets issued at a browser kiosk are printed by the simulated network
// printer, saved as PNG. Type simulator commands (`help`, `printer paper_out`) on the console.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createDeviceManager } from '../electron/devices/device-manager.ts';
import { COMMANDS, startStationSimulators } from '../electron/devices/simulators/station-simulators.ts';
import { main as hubMain, parseHubArgs } from '../electron/hub/cli.ts';
import { attachHallPrinter } from '../electron/hub/hall-printer.ts';
import { buildRendererIfStale } from './build-renderer.ts';
import { buildDefaultPacksIfMissing } from './voice-pack.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function electronBinary(): string | undefined {
  // electron's index.js reads path.txt, written only when its binary was downloaded.
  const pathFile = `${root}node_modules/electron/path.txt`;
  if (!existsSync(pathFile)) return undefined;
  const bin = `${root}node_modules/electron/dist/${readFileSync(pathFile, 'utf8').trim()}`;
  return existsSync(bin) ? bin : undefined;
}

export async function start(argv: string[]): Promise<void> {
  const electron = electronBinary();
  if (electron && existsSync(`${root}dist/electron/main/index.js`) && !argv.includes('--browser')) {
    const r = spawnSync(electron, [root, '--role=all-in-one'], { stdio: 'inherit', env: { ...process.env, DAWR_DEMO: '1' } });
    process.exit(r.status ?? 0);
  }
  console.log(electron ? 'dawr: starting in the browser (--browser)' : 'dawr: no Electron binary on this machine — starting the hub with the demo hall; open the screens in a browser.');
  buildRendererIfStale();
  buildDefaultPacksIfMissing();
  const hubArgs = ['--demo', '--demo-history', '42', ...argv.filter((a) => a !== '--browser')];
  const dataDir = parseHubArgs(hubArgs).data;
  const outDir = join(dataDir, 'printed');
  const sims = await startStationSimulators({ printerPort: 0, outDir, devDir: join(tmpdir(), `dawr-devices-${process.pid}`) });
  let stopDevices = async () => sims.close();
  const hub = await hubMain(hubArgs, () => stopDevices());
  const printer = createDeviceManager({ config: { printer: sims.config.printer }, ledgerFile: join(dataDir, 'printed-jobs.jsonl') });
  printer.start();
  attachHallPrinter(hub, printer, hub.url);
  console.log(`Simulated ticket printer: tcp://${sims.printer.host}:${sims.printer.port} — tickets from the kiosk are saved in ${outDir}`);
  console.log(`Type a simulator command and Enter, e.g. "printer paper_out" (the dashboard shows the fault), "printer ready". ${COMMANDS.split('\n').length - 1} commands: "help".`);
  stopDevices = async () => {
    await printer.close();
    await sims.close();
  };
  if (process.stdin.isTTY || process.env.DAWR_STDIN_COMMANDS) {
    createInterface({ input: process.stdin }).on('line', (line) => {
      if (line.trim()) sims.command(line.trim()).then((answer) => console.log(answer), (err: Error) => console.log(`? ${err.message}`));
    });
  }
}
