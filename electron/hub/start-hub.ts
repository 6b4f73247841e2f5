// The hub as the Electron all-in-one station starts it (electron/main loads this bundle lazily),
// with a device token for the station's own kiosk and hall screens. The demo hall (known
// passwords) only when asked: `./dawr start` asks with DAWR_DEMO=1; a real install does not.
import { startHub as start } from './hub.ts';
import { WARM_ISSUES } from './warm-up.ts';

export interface AllInOneHub {
  url: string;
  deviceToken: string;
  /** First start without the demo: the one admin account's password, to show once. */
  bootstrapAdminPassword?: string;
  close(): Promise<void>;
}

export async function startHub(options: { dataDir: string; host?: string; port?: number; demo?: boolean }): Promise<AllInOneHub> {
  const hub = await start({ dataDir: options.dataDir, host: options.host ?? '127.0.0.1', port: options.port ?? 0, demo: options.demo ?? process.env.DAWR_DEMO === '1', warmIssues: WARM_ISSUES });
  const deviceToken = hub.ctx.auth.ownDevice('All-in-one station', 'kiosk', hub.ctx.hall.now());
  return { url: hub.url, deviceToken, ...(hub.bootstrapAdminPassword ? { bootstrapAdminPassword: hub.bootstrapAdminPassword } : {}), close: () => hub.close() };
}
