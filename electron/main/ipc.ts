// The one IPC registrar: every main-process handler is registered through it. A message is
// answered only when (1) it comes from a window this app created, (2) from that window's main
// frame, (3) whose URL is the app's own origin for that window's purpose, (4) the window's
// purpose is allowed on that channel, and (5) the payload passes the channel's zod schema.
// Handlers never throw across the boundary: the renderer gets {ok:true,value} | {ok:false,error}
// (Signal's style), and a refusal is logged without the payload.
import type { z } from 'zod';
import type { IpcMainPort, IpcSender } from './electron-facade.ts';
import type { Log } from './logger.ts';
import { appSurfaceOf } from './trusted-url.ts';
import type { KnownWindow, WindowPurpose, WindowRegistry } from './window-registry.ts';

export type IpcErrorCode = 'forbidden' | 'invalid_input' | 'failed';
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };

/** Which windows may use a channel. */
export type SenderRule = (purpose: WindowPurpose) => boolean;

export interface Handler<S extends z.ZodType, R> {
  from: SenderRule;
  schema: S;
  run(payload: z.infer<S>, sender: KnownWindow): R | Promise<R>;
}

export interface IpcRegistrar {
  handle<S extends z.ZodType, R>(channel: string, handler: Handler<S, R>): void;
  /** For `sendSync` (the preload's station info, needed before the page's first script runs). */
  handleSync<S extends z.ZodType, R>(channel: string, handler: Handler<S, R> & { run(payload: z.infer<S>, sender: KnownWindow): R }): void;
}

const refused = (code: IpcErrorCode, message: string) => ({ ok: false as const, error: { code, message } });

export function screenOf(...screens: string[]): SenderRule {
  return (p) => p.kind === 'screen' && screens.includes(p.screen);
}
export function stationPage(page: 'first-run' | 'maintenance'): SenderRule {
  return (p) => p.kind === 'station-page' && p.page === page;
}

/** The sender's window when every check passes, or the reason it is refused. */
export function authorize(registry: WindowRegistry, sender: IpcSender, from: SenderRule): KnownWindow | string {
  const known = registry.byWebContentsId(sender.webContentsId);
  if (!known || known.window.isDestroyed()) return 'unknown sender';
  if (!sender.isMainFrame) return 'sub-frame sender';
  if (sender.frameUrl === null) return 'sender frame gone';
  const surface = appSurfaceOf(sender.frameUrl);
  const expected = known.purpose.kind === 'screen' ? 'renderer' : 'station-page';
  if (surface !== expected) return 'untrusted sender URL';
  if (!from(known.purpose)) return 'channel not allowed for this window';
  return known;
}

export function createIpcRegistrar(ipc: IpcMainPort, registry: WindowRegistry, log: Log): IpcRegistrar {
  const registered = new Set<string>();

  function check<S extends z.ZodType>(channel: string, handler: Handler<S, unknown>, sender: IpcSender, payload: unknown) {
    const who = authorize(registry, sender, handler.from);
    if (typeof who === 'string') {
      log.warn({ channel, reason: who, url: sender.frameUrl, webContentsId: sender.webContentsId }, 'IPC message refused');
      return refused('forbidden', 'not allowed');
    }
    const parsed = handler.schema.safeParse(payload);
    if (!parsed.success) {
      log.warn({ channel, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 'IPC payload invalid');
      return refused('invalid_input', parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; '));
    }
    return { who, payload: parsed.data as z.infer<S> };
  }

  function once(channel: string) {
    if (registered.has(channel)) throw new Error(`IPC channel ${channel} registered twice`);
    registered.add(channel);
  }

  return {
    handle(channel, handler) {
      once(channel);
      ipc.handle(channel, async (sender, payload) => {
        const checked = check(channel, handler, sender, payload);
        if ('ok' in checked) return checked;
        try {
          return { ok: true, value: await handler.run(checked.payload, checked.who) };
        } catch (error) {
          log.error({ channel, err: error }, 'IPC handler failed');
          return refused('failed', error instanceof Error ? error.message : 'failed');
        }
      });
    },
    handleSync(channel, handler) {
      once(channel);
      ipc.handleSync(channel, (sender, payload) => {
        const checked = check(channel, handler, sender, payload);
        if ('ok' in checked) return checked;
        try {
          return { ok: true, value: handler.run(checked.payload, checked.who) };
        } catch (error) {
          log.error({ channel, err: error }, 'IPC handler failed');
          return refused('failed', error instanceof Error ? error.message : 'failed');
        }
      });
    },
  };
}
