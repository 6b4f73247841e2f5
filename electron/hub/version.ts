// The hub's version (package.json), for its start-up lines, its health check and its backups.
import { readFileSync } from 'node:fs';

export const HUB_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
