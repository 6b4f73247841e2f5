// The hub's entry as `./dawr hub` runs it: bundled into dist/hub/hub.mjs by scripts/build-hub.ts.
import { run } from './cli.ts';

run(process.argv.slice(2));
