// `./dawr devices simulate [--printer-port N] [--out DIR] [--dev-dir DIR]`: the simulated ESC/POS
// printer (TCP) and, where socat is installed, an MRZ reader, a fingerprint module and a scanner
// on pseudo-terminals. Script them by typing commands (`help`). scripts/dawr.ts routes here.
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startStationSimulators } from './simulators/station-simulators.ts';

const USAGE = `usage: dawr devices simulate [--printer-port N] [--out DIR] [--dev-dir DIR]
  --printer-port N   TCP port of the simulated ESC/POS printer (default 9100; 0 = any free port)
  --out DIR          where printed tickets are saved as PNG (default artifacts/tickets)
  --dev-dir DIR      where the serial device links are made (default <tmp>/dawr-devices)`;

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== 'simulate') {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      'printer-port': { type: 'string', default: '9100' },
      out: { type: 'string', default: 'artifacts/tickets' },
      'dev-dir': { type: 'string', default: join(tmpdir(), 'dawr-devices') },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values['printer-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--printer-port must be a port number, got ${values['printer-port']}`);

  const sims = await startStationSimulators({ printerPort: port, outDir: values.out, devDir: values['dev-dir'] });
  console.log(`simulated printer: tcp://${sims.printer.host}:${sims.printer.port} (tickets saved in ${values.out})`);
  if (sims.serialSkipped) console.log(`serial devices not simulated: ${sims.serialSkipped}`);
  console.log(`station devices configuration:\n${JSON.stringify(sims.config, null, 2)}`);
  console.log('type "help" for the commands; Ctrl-C stops');
  sims.printer.onTicket((t) => console.log(`ticket ${t.index} cut${t.incomplete ? ' (incomplete)' : ''}: ${t.pngPath ?? ''}`));

  const rl = createInterface({ input: process.stdin, terminal: false });
  // One command at a time, in the order typed (unplug before plug).
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(() =>
      sims.command(line).then(
        (answer) => void (answer && console.log(answer)),
        (err: Error) => console.log(`error: ${err.message}`),
      ),
    );
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    // Without a terminal (piped script), end of input ends the simulation.
    if (!process.stdin.isTTY) rl.once('close', resolve);
  });
  rl.close();
  await queue;
  await sims.close();
}
