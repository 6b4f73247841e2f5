// The hub as the Electron all-in-one station starts it (electron/main loads this bundle lazily):
// the demo hall on loopback, and a device token for the station's own kiosk and hall screens.
import { startHub as start } from './hub.ts';

export interface AllInOneHub {
  url: string;
  deviceToken: string;
  close(): Promise<void>;
}

export async function startHub(options: { dataDir: string; host?: string; port?: number; demo?: boolean }): Promise<AllInOneHub> {
  const hub = await start({ dataDir: options.dataDir, host: options.host ?? '127.0.0.1', port: options.port ?? 0, demo: options.demo ?? true });
  const deviceToken = hub.ctx.auth.ownDevice('All-in-one station', 'kiosk', hub.ctx.hall.now());
  return { url: hub.url, deviceToken, close: () => hub.close() };
}
