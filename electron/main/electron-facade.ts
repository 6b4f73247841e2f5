// The few Electron APIs the main process uses, as plain interfaces. Every main-process module
// takes this facade instead of importing `electron`, so it runs in a unit test with a fake
// (test/unit/electron/fake-electron.ts); electron-real.ts is the one adapter to the real thing.
import type { BrowserWindowConstructorOptions, CustomScheme } from 'electron';

/** An Electron event that can be cancelled. */
export interface Preventable {
  preventDefault(): void;
}

/** The key press `before-input-event` reports (a subset of Electron's `Input`). */
export interface KeyInput {
  type: string;
  key: string;
  code: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

export interface WebContentsEvents {
  'will-navigate': (event: Preventable, url: string) => void;
  'will-redirect': (event: Preventable, url: string) => void;
  'will-frame-navigate': (event: Preventable & { url: string }) => void;
  'will-attach-webview': (event: Preventable) => void;
  'before-input-event': (event: Preventable, input: KeyInput) => void;
  'render-process-gone': (event: unknown, details: { reason: string; exitCode: number }) => void;
  unresponsive: () => void;
  'zoom-changed': () => void;
}

export interface WebContentsPort {
  readonly id: number;
  getURL(): string;
  isDestroyed(): boolean;
  reload(): void;
  send(channel: string, payload: unknown): void;
  setZoomFactor(factor: number): void;
  setVisualZoomLevelLimits(min: number, max: number): Promise<void>;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on<E extends keyof WebContentsEvents>(event: E, listener: WebContentsEvents[E]): void;
}

export interface WindowEvents {
  close: (event: Preventable) => void;
  closed: () => void;
}

export interface BrowserWindowPort {
  readonly id: number;
  readonly webContents: WebContentsPort;
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  focus(): void;
  close(): void;
  setKiosk(flag: boolean): void;
  setFullScreen(flag: boolean): void;
  on<E extends keyof WindowEvents>(event: E, listener: WindowEvents[E]): void;
}

export interface AppEvents {
  'web-contents-created': (event: unknown, contents: WebContentsPort) => void;
  'second-instance': () => void;
  'window-all-closed': () => void;
  'before-quit': () => void;
}

export interface AppPort {
  readonly isPackaged: boolean;
  getAppPath(): string;
  getPath(name: 'userData' | 'logs'): string;
  setPath(name: 'userData' | 'logs', path: string): void;
  whenReady(): Promise<void>;
  requestSingleInstanceLock(): boolean;
  appendSwitch(name: string, value?: string): void;
  quit(): void;
  exit(code: number): void;
  relaunch(): void;
  on<E extends keyof AppEvents>(event: E, listener: AppEvents[E]): void;
}

/** Who sent an IPC message: the webContents and the frame inside it. */
export interface IpcSender {
  readonly webContentsId: number;
  /** The sending frame's URL; null when the frame is gone (navigated away or destroyed). */
  readonly frameUrl: string | null;
  /** false for a message from a sub-frame (an iframe); the app never uses iframes. */
  readonly isMainFrame: boolean;
}

export interface IpcMainPort {
  /** `ipcRenderer.invoke` → the returned value (never a throw: see ipc.ts). */
  handle(channel: string, handler: (sender: IpcSender, payload: unknown) => Promise<unknown>): void;
  /** `ipcRenderer.sendSync` → `event.returnValue`. */
  handleSync(channel: string, handler: (sender: IpcSender, payload: unknown) => unknown): void;
}

export type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

export interface SessionPort {
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

export interface ProtocolPort {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs the key; `basic_text` means a fixed, weak key. */
  storageBackend(): string;
}

export interface DisplayInfo {
  id: number;
  label: string;
  bounds: { x: number; y: number; width: number; height: number };
}

export interface ElectronFacade {
  app: AppPort;
  ipcMain: IpcMainPort;
  protocol: ProtocolPort;
  /** The default session: available after `ready`. */
  session(): SessionPort;
  safeStorage: SafeStoragePort;
  powerSaveBlocker: { start(type: 'prevent-display-sleep'): number; stop(id: number): void };
  /** Displays in the order the OS reports them; available after `ready`. */
  displays(): DisplayInfo[];
  /** A message box the person at the station must acknowledge (start-up failures, a one-time password). */
  showMessage(message: { type: 'error' | 'info'; title: string; message: string; detail?: string }): Promise<void>;
  /** `parent` makes the new window a child (the maintenance prompt over a kiosk screen). */
  createWindow(options: Omit<BrowserWindowConstructorOptions, 'parent'>, parent?: BrowserWindowPort): BrowserWindowPort;
}
