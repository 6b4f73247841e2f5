// The real ElectronFacade: the only main-process file that imports `electron` at run time.
// It stays a thin translation (no decisions), because it is the one part no unit test reaches;
// the Playwright suite in test/electron covers it where an Electron binary exists.
import {
  app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, protocol, safeStorage, screen, session,
  type IpcMainEvent, type IpcMainInvokeEvent, type WebContents,
} from 'electron';
import type {
  BrowserWindowPort, ElectronFacade, IpcSender, SessionPort, WebContentsEvents, WebContentsPort,
} from './electron-facade.ts';

const wrappedContents = new WeakMap<WebContents, WebContentsPort>();
const realWindows = new WeakMap<BrowserWindowPort, BrowserWindow>();

function wrapWebContents(contents: WebContents): WebContentsPort {
  const known = wrappedContents.get(contents);
  if (known) return known;
  const port: WebContentsPort = {
    id: contents.id,
    getURL: () => contents.getURL(),
    isDestroyed: () => contents.isDestroyed(),
    reload: () => contents.reload(),
    send: (channel, payload) => contents.send(channel, payload),
    setZoomFactor: (factor) => contents.setZoomFactor(factor),
    setVisualZoomLevelLimits: (min, max) => contents.setVisualZoomLevelLimits(min, max),
    setWindowOpenHandler: (handler) => contents.setWindowOpenHandler((details) => handler({ url: details.url })),
    on<E extends keyof WebContentsEvents>(event: E, listener: WebContentsEvents[E]) {
      // The facade's listener types are a subset of Electron's own for the same event names.
      (contents.on as (e: string, l: (...args: never[]) => void) => void)(event, listener as (...args: never[]) => void);
    },
  };
  wrappedContents.set(contents, port);
  return port;
}

function wrapWindow(window: BrowserWindow): BrowserWindowPort {
  const port: BrowserWindowPort = {
    id: window.id,
    webContents: wrapWebContents(window.webContents),
    loadURL: (url) => window.loadURL(url),
    isDestroyed: () => window.isDestroyed(),
    focus: () => window.focus(),
    close: () => window.close(),
    setKiosk: (flag) => window.setKiosk(flag),
    setFullScreen: (flag) => window.setFullScreen(flag),
    on(event, listener) {
      (window.on as (e: string, l: (...args: never[]) => void) => void)(event, listener as (...args: never[]) => void);
    },
  };
  realWindows.set(port, window);
  return port;
}

function senderOf(event: IpcMainEvent | IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame && !frame.isDestroyed() ? frame.url : null,
    isMainFrame: frame !== null && frame.parent === null,
  };
}

function defaultSession(): SessionPort {
  const ses = session.defaultSession;
  return {
    setPermissionRequestHandler: (handler) => ses.setPermissionRequestHandler((contents, permission, callback) => handler(contents, permission, callback)),
    setPermissionCheckHandler: (handler) => ses.setPermissionCheckHandler((contents, permission) => handler(contents, permission)),
    setDevicePermissionHandler: (handler) => ses.setDevicePermissionHandler(() => handler()),
  };
}

export function createRealElectron(): ElectronFacade {
  return {
    app: {
      isPackaged: app.isPackaged,
      getAppPath: () => app.getAppPath(),
      getPath: (name) => app.getPath(name),
      setPath: (name, path) => app.setPath(name, path),
      whenReady: () => app.whenReady(),
      requestSingleInstanceLock: () => app.requestSingleInstanceLock(),
      appendSwitch: (name, value) => app.commandLine.appendSwitch(name, value),
      quit: () => app.quit(),
      exit: (code) => app.exit(code),
      relaunch: () => app.relaunch(),
      on(event, listener) {
        if (event === 'web-contents-created') {
          const l = listener as (e: unknown, c: WebContentsPort) => void;
          app.on('web-contents-created', (e, contents) => l(e, wrapWebContents(contents)));
          return;
        }
        (app.on as (e: string, l: () => void) => void)(event, listener as () => void);
      },
    },
    ipcMain: {
      handle: (channel, handler) => ipcMain.handle(channel, (event, payload: unknown) => handler(senderOf(event), payload)),
      handleSync: (channel, handler) =>
        ipcMain.on(channel, (event, payload: unknown) => {
          event.returnValue = handler(senderOf(event), payload);
        }),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes) => protocol.registerSchemesAsPrivileged(schemes),
      handle: (scheme, handler) => protocol.handle(scheme, handler),
    },
    session: defaultSession,
    showMessage: async ({ type, title, message, detail }) => {
      await dialog.showMessageBox({ type, title, message, ...(detail ? { detail } : {}), buttons: ['OK / حسنًا'] });
    },
    safeStorage: {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      encryptString: (plain) => safeStorage.encryptString(plain),
      decryptString: (encrypted) => safeStorage.decryptString(encrypted),
      storageBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform),
    },
    powerSaveBlocker: {
      start: (type) => powerSaveBlocker.start(type),
      stop: (id) => powerSaveBlocker.stop(id),
    },
    displays: () => screen.getAllDisplays().map((d) => ({ id: d.id, label: d.label, bounds: d.bounds })),
    createWindow: (options, parent) => {
      const parentWindow = parent ? realWindows.get(parent) : undefined;
      // The one place windows are made: the secure preferences are forced here whatever the
      // caller passed (windows.ts sets them too; this is the backstop electronegativity checks).
      const window = new BrowserWindow({
        ...options,
        ...(parentWindow ? { parent: parentWindow } : {}),
        webPreferences: {
          ...options.webPreferences,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          experimentalFeatures: false,
          webviewTag: false,
          // Middle-click (auxclick) on a link would be one more way to ask for a new window.
          disableBlinkFeatures: 'Auxclick',
        },
      });
      return wrapWindow(window);
    },
  };
}
