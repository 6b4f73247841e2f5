// Recovery of a screen nobody attends: when its renderer dies or hangs, reload it; when that
// keeps happening (3 times within 60 s by default) reload is not helping, so start the whole
// app again. Every crash is logged with its reason.
import type { AppPort, BrowserWindowPort } from './electron-facade.ts';
import type { Log } from './logger.ts';

export interface WatchdogOptions {
  app: AppPort;
  log: Log;
  now?: () => number;
  maxCrashes?: number;
  windowMs?: number;
}

export interface Watchdog {
  watch(window: BrowserWindowPort, label: string): void;
}

export function createWatchdog(options: WatchdogOptions): Watchdog {
  const now = options.now ?? Date.now;
  const maxCrashes = options.maxCrashes ?? 3;
  const windowMs = options.windowMs ?? 60_000;
  let recent: number[] = [];
  let relaunching = false;

  function recover(window: BrowserWindowPort, label: string, what: string, details: object) {
    if (relaunching || window.isDestroyed()) return;
    const at = now();
    recent = [...recent.filter((t) => at - t < windowMs), at];
    if (recent.length >= maxCrashes) {
      relaunching = true;
      options.log.error({ screen: label, what, ...details, crashes: recent.length, windowMs }, 'screen keeps failing; relaunching the app');
      options.app.relaunch();
      options.app.exit(0);
      return;
    }
    options.log.error({ screen: label, what, ...details, crashes: recent.length }, 'screen failed; reloading');
    window.webContents.reload();
  }

  return {
    watch(window, label) {
      window.webContents.on('render-process-gone', (_event, details) => {
        // clean-exit: the renderer ended because its window closed, not a crash.
        if (details.reason === 'clean-exit') return;
        recover(window, label, 'render-process-gone', { reason: details.reason, exitCode: details.exitCode });
      });
      window.webContents.on('unresponsive', () => recover(window, label, 'unresponsive', {}));
    },
  };
}
