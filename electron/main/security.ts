// Loaded first (index.ts → station.ts calls it before anything else): every webContents the app
// ever creates is locked to where it was loaded. The renderer is a single-page app that moves
// with the History API, which fires none of these events, so blocking them all costs nothing.
import type { ElectronFacade, SessionPort, WebContentsPort } from './electron-facade.ts';
import type { Log } from './logger.ts';
import { isTrustedAppUrl } from './trusted-url.ts';

export function guardWebContents(contents: WebContentsPort, log: Log): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log.warn({ url, from: contents.getURL() }, 'navigation blocked');
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log.warn({ url, from: contents.getURL() }, 'redirect blocked');
  });
  // Sub-frames (the app has none) may not wander off either.
  contents.on('will-frame-navigate', (event) => {
    if (!isTrustedAppUrl(event.url)) event.preventDefault();
  });
  // The app never uses <webview>.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({ from: contents.getURL() }, 'webview blocked');
  });
  // No pop-ups, and no handing links to the OS browser either: a kiosk has no one to read them.
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url, from: contents.getURL() }, 'window.open denied');
    return { action: 'deny' };
  });
}

/** The screens need no browser permission: no camera, microphone, location, notifications, USB, serial or HID. */
export function applySessionPolicy(session: SessionPort, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn({ permission }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export function installSecurity(electron: ElectronFacade, log: Log): Promise<void> {
  electron.app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
  return electron.app.whenReady().then(() => applySessionPolicy(electron.session(), log));
}
