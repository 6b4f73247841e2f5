// `./dawr devices simulate [--printer-port N] [--out DIR]`: the simulated printer (TCP) and, when
// socat is installed, the simulated MRZ reader, fingerprint module and scanner on pseudo-terminals.
// Runs until Ctrl-C. scripts/dawr.ts routes `devices …` here.
import { parseArgs } from 'node:util';
import { startPrinterSimulator } from './simulators/printer-simulator.ts';

const USAGE = `usage: dawr devices simulate [--printer-port N] [--out DIR]
  --printer-port N   TCP port of the simulated ESC/POS printer (default 9100; 0 = any free port)
  --out DIR          where printed tickets are saved as PNG (default ./artifacts/tickets)`;

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== 'simulate') {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: { 'printer-port': { type: 'string', default: '9100' }, out: { type: 'string', default: 'artifacts/tickets' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values['printer-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--printer-port must be a port number, got ${values['printer-port']}`);
  const printer = await startPrinterSimulator({ port, outDir: values.out });
  console.log(`simulated printer: tcp://${printer.host}:${printer.port} (tickets saved in ${values.out})`);
  printer.onTicket((t) => console.log(`ticket ${t.index} cut${t.incomplete ? ' (incomplete)' : ''}: ${t.pngPath ?? ''}`));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await printer.close();
}
