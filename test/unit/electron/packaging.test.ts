// Packaging cannot run here (no Electron binary to pack), so this proves what it can: the
// electron-builder config passes electron-builder's own schema validation with the fuses and
// native unpacking set, the icon is a 512×512 PNG, and the bundles build the way packaging needs.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildElectron } from '../../../scripts/build-electron.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(join(root, 'package.json'));

type BuilderConfig = Record<string, unknown> & { electronFuses?: Record<string, boolean>; asarUnpack?: string[]; files?: unknown; linux?: { target: string[] }; win?: { target: { target: string }[] } };
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(dir: string, file: string, options: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s schema validation', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation does reject a wrong key (so passing it means something)', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNodes: false } }, new DebugLogger(false))).rejects.toThrow();
  });

  it('sets the fuses', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage, deb and NSIS, unpacks native modules, ships compiled code only', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**/*', 'node_modules/@serialport/bindings-cpp/**/*', '**/*.node']));
    // getConfig normalises `files` into filter sets.
    for (const pattern of ['dist/electron/**/*', 'dist/renderer/**/*', '!**/*.ts', '!**/*.map']) expect(JSON.stringify(config.files)).toContain(JSON.stringify(pattern));
  });

  it('has a 512×512 PNG icon', () => {
    const png = PNG.sync.read(readFileSync(join(root, 'resources/icons/icon.png')));
    expect([png.width, png.height]).toEqual([512, 512]);
  });
});

describe('scripts/build-electron.ts', () => {
  it('bundles main as ESM and the sandboxed preloads as CommonJS that require only electron', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dawr-build-'));
    await buildElectron(out);
    const main = readFileSync(join(out, 'electron/main/index.js'), 'utf8');
    expect(main).toMatch(/^import .* from "electron";$/m);
    expect(main).not.toMatch(/\brequire\(/);
    for (const preload of ['index.cjs', 'station-pages.cjs']) {
      const code = readFileSync(join(out, 'electron/preload', preload), 'utf8');
      expect([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])).toEqual(['electron']);
      expect(code).toContain('exposeInMainWorld');
    }
    for (const page of ['first-run', 'maintenance']) {
      for (const file of ['index.html', 'station-page.css']) expect(existsSync(join(out, 'electron/pages', page, file))).toBe(true);
    }
  }, 60_000);

  it('bundles the all-in-one\'s hub so that it starts where the station loads it from (package.json found as from the sources)', async () => {
    // Inside the checkout, as dist/ is: the bundle's dependencies resolve from node_modules above it.
    const out = join(root, 'test-results', `electron-build-${process.pid}`);
    const data = mkdtempSync(join(tmpdir(), 'dawr-allinone-'));
    try {
      await buildElectron(out);
      const bundle = readFileSync(join(out, 'electron/hub/start-hub.js'), 'utf8');
      expect(bundle).not.toContain('new URL("../../package.json", import.meta.url)');
      const { startHub } = (await import(pathToFileURL(join(out, 'electron/hub/start-hub.js')).href)) as typeof import('../../../electron/hub/start-hub.ts');
      const hub = await startHub({ dataDir: data, port: 0, demo: false });
      try {
        const health = await fetch(`${hub.url}/api/health`);
        expect(health.status).toBe(200);
        expect(((await health.json()) as { version?: string }).version).toBe((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
        expect(hub.deviceToken.length).toBeGreaterThan(20);
      } finally {
        await hub.close();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(data, { recursive: true, force: true });
    }
  }, 60_000);
});
