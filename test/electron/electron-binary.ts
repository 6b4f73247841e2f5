// Where the Electron binary is, without triggering the download `require('electron')` attempts
// when it is missing (node_modules/electron/index.js spawns its installer, which fetches the
// binary from GitHub — outside the npm registry, so impossible on some machines).
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function findElectronBinary(root: string): string | null {
  const candidates: string[] = [];
  if (process.env.DAWR_ELECTRON_BINARY) candidates.push(process.env.DAWR_ELECTRON_BINARY);
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) candidates.push(join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron'));
  if (relative) candidates.push(join(pkg, 'dist', relative));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there or not executable: try the next
    }
  }
  return null;
}
