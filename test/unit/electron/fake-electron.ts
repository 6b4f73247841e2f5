// A fake ElectronFacade: enough of Electron's behaviour to drive the main-process modules in a
// unit test. Events are emitted by the test (`contents.emit('will-navigate', …)`) and report
// whether a listener prevented them; IPC messages are sent with an explicit sender.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, CustomScheme } from 'electron';
import type {
  AppEvents, BrowserWindowPort, DisplayInfo, ElectronFacade, IpcSender, KeyInput, PermissionRequestHandler,
  WebContentsEvents, WebContentsPort, WindowEvents,
} from '../../../electron/main/electron-facade.ts';
import type { Log } from '../../../electron/main/logger.ts';

type Listener = (...args: never[]) => void;

class Emitter {
  listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  /** Calls every listener with a preventable event first; true when one prevented it. */
  emitPreventable(event: string, ...rest: unknown[]): boolean {
    let prevented = false;
    const e = { preventDefault: () => { prevented = true; } };
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(e, ...rest);
    return prevented;
  }
  emitPlain(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
}

let nextId = 1;

export class FakeWebContents extends Emitter implements WebContentsPort {
  readonly id = nextId++;
  url = '';
  destroyed = false;
  reloads = 0;
  zoomFactor = 1;
  zoomLimits: [number, number] | null = null;
  sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  getURL = () => this.url;
  isDestroyed = () => this.destroyed;
  reload = () => { this.reloads++; };
  send = (channel: string, payload: unknown) => { this.sent.push({ channel, payload }); };
  setZoomFactor = (factor: number) => { this.zoomFactor = factor; };
  setVisualZoomLevelLimits = async (min: number, max: number) => { this.zoomLimits = [min, max]; };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.windowOpenHandler = handler;
  }
  override on<E extends keyof WebContentsEvents>(event: E, listener: WebContentsEvents[E]) {
    super.on(event, listener as Listener);
  }
  /** A key press; true when the app swallowed it. */
  press(input: Partial<KeyInput> & { key: string }): boolean {
    return this.emitPreventable('before-input-event', { type: 'keyDown', code: '', control: false, alt: false, shift: false, meta: false, ...input });
  }
  /** The sender of an IPC message from this webContents' main frame, at its current URL. */
  sender(overrides: Partial<IpcSender> = {}): IpcSender {
    return { webContentsId: this.id, frameUrl: this.url, isMainFrame: true, ...overrides };
  }
}

export class FakeWindow extends Emitter implements BrowserWindowPort {
  readonly id = nextId++;
  readonly webContents = new FakeWebContents();
  destroyed = false;
  kiosk: boolean;
  fullScreen: boolean;
  focused = 0;
  readonly options: BrowserWindowConstructorOptions;
  readonly parent: BrowserWindowPort | undefined;
  constructor(options: BrowserWindowConstructorOptions, parent?: BrowserWindowPort) {
    super();
    this.options = options;
    this.parent = parent;
    this.kiosk = options.kiosk ?? false;
    this.fullScreen = options.fullscreen ?? false;
  }
  loadURL = async (url: string) => { this.webContents.url = url; };
  isDestroyed = () => this.destroyed;
  focus = () => { this.focused++; };
  /** Like Electron: `close` may be prevented; otherwise the window is destroyed and `closed` fires. */
  close = () => {
    if (this.emitPreventable('close')) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emitPlain('closed');
  };
  setKiosk = (flag: boolean) => { this.kiosk = flag; };
  setFullScreen = (flag: boolean) => { this.fullScreen = flag; };
  override on<E extends keyof WindowEvents>(event: E, listener: WindowEvents[E]) {
    super.on(event, listener as Listener);
  }
}

export class FakeElectron implements ElectronFacade {
  readonly userData = mkdtempSync(join(tmpdir(), 'dawr-station-'));
  readonly calls: string[] = [];
  readonly switches: [string, string | undefined][] = [];
  readonly windows: FakeWindow[] = [];
  readonly schemes: CustomScheme[] = [];
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  readonly invokeHandlers = new Map<string, (sender: IpcSender, payload: unknown) => Promise<unknown>>();
  readonly syncHandlers = new Map<string, (sender: IpcSender, payload: unknown) => unknown>();
  readonly powerBlocks: string[] = [];
  readonly messages: { type: 'error' | 'info'; title: string; message: string; detail?: string }[] = [];
  showMessage = async (m: { type: 'error' | 'info'; title: string; message: string; detail?: string }) => {
    this.messages.push(m);
  };
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: ((contents: unknown, permission: string) => boolean) | null = null;
  devicePermission: (() => boolean) | null = null;
  singleInstance = true;
  encryptionAvailable = true;
  backend = 'gnome_libsecret';
  displayList: DisplayInfo[] = [
    { id: 1, label: 'Built-in', bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    { id: 2, label: 'Hall TV', bounds: { x: 1920, y: 0, width: 3840, height: 2160 } },
  ];
  private appEvents = new Emitter();

  app = {
    isPackaged: true,
    getAppPath: () => '/app',
    getPath: (name: 'userData' | 'logs') => (name === 'userData' ? this.userData : join(this.userData, 'logs')),
    setPath: () => { throw new Error('the station does not move its folders'); },
    whenReady: async () => {},
    requestSingleInstanceLock: () => this.singleInstance,
    appendSwitch: (name: string, value?: string) => { this.switches.push([name, value]); },
    quit: () => { this.calls.push('quit'); },
    exit: (code: number) => { this.calls.push(`exit ${code}`); },
    relaunch: () => { this.calls.push('relaunch'); },
    on: <E extends keyof AppEvents>(event: E, listener: AppEvents[E]) => this.appEvents.on(event, listener as Listener),
  };

  emitApp(event: keyof AppEvents, ...args: unknown[]) {
    this.appEvents.emitPlain(event, ...args);
  }

  ipcMain = {
    handle: (channel: string, handler: (sender: IpcSender, payload: unknown) => Promise<unknown>) => { this.invokeHandlers.set(channel, handler); },
    handleSync: (channel: string, handler: (sender: IpcSender, payload: unknown) => unknown) => { this.syncHandlers.set(channel, handler); },
  };

  /** What `ipcRenderer.invoke(channel, payload)` from `sender` gets back. */
  invoke(channel: string, sender: IpcSender, payload?: unknown): Promise<unknown> {
    const handler = this.invokeHandlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(sender, payload);
  }
  sendSync(channel: string, sender: IpcSender, payload?: unknown): unknown {
    const handler = this.syncHandlers.get(channel);
    if (!handler) throw new Error(`no sync handler for ${channel}`);
    return handler(sender, payload);
  }

  protocol = {
    registerSchemesAsPrivileged: (schemes: CustomScheme[]) => { this.schemes.push(...schemes); },
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => { this.protocolHandlers.set(scheme, handler); },
  };

  session = () => ({
    setPermissionRequestHandler: (h: PermissionRequestHandler) => { this.permissionRequest = h; },
    setPermissionCheckHandler: (h: (contents: unknown, permission: string) => boolean) => { this.permissionCheck = h; },
    setDevicePermissionHandler: (h: () => boolean) => { this.devicePermission = h; },
  });

  /** Not real encryption: reversible, and the plain text does not appear in the output. */
  safeStorage = {
    isEncryptionAvailable: () => this.encryptionAvailable,
    encryptString: (plain: string) => Buffer.concat([Buffer.from('FAKE-ENC:'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]),
    decryptString: (encrypted: Buffer) => {
      if (!encrypted.subarray(0, 9).equals(Buffer.from('FAKE-ENC:'))) throw new Error('not encrypted by this key');
      return Buffer.from(encrypted.subarray(9).map((b) => b ^ 0x5a)).toString('utf8');
    },
    storageBackend: () => this.backend,
  };

  powerSaveBlocker = {
    start: (type: 'prevent-display-sleep') => { this.powerBlocks.push(type); return this.powerBlocks.length; },
    stop: () => {},
  };

  displays = () => this.displayList;

  createWindow = (options: BrowserWindowConstructorOptions, parent?: BrowserWindowPort) => {
    const window = new FakeWindow(options, parent);
    this.windows.push(window);
    this.emitApp('web-contents-created', {}, window.webContents);
    return window;
  };

  /** A webContents the app did not create through createWindow (e.g. one a page managed to open). */
  strangerContents(url: string): FakeWebContents {
    const contents = new FakeWebContents();
    contents.url = url;
    this.emitApp('web-contents-created', {}, contents);
    return contents;
  }
}

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  fields: object;
  message?: string;
}

export function fakeLog(): Log & { entries: LogEntry[]; text(): string } {
  const entries: LogEntry[] = [];
  const add = (level: LogEntry['level']) => (fields: object, message?: string) => { entries.push({ level, fields, ...(message ? { message } : {}) }); };
  return { entries, info: add('info'), warn: add('warn'), error: add('error'), text: () => JSON.stringify(entries) };
}
