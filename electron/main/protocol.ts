// The app:// protocol: the renderer is bundled into the app and served from disk, never loaded
// from the LAN. app://dawr/… serves dist/renderer (a single-page app: its screen routes fall
// back to index.html); app://station/… serves the station's own first-run and PIN pages. A
// request outside those folders is refused, however it is spelled (`..`, `%2e%2e`, `..%2f`, `\`).
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ElectronFacade } from './electron-facade.ts';
import { APP_SCHEME, appSurfaceOf, type AppSurface } from './trusted-url.ts';

/** Must run before `ready`: Electron only grants privileges to schemes registered that early. */
export function registerAppScheme(electron: ElectronFacade): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

/** Renderer routes that are screens: a reload or a deep link on them gets index.html. */
export const SPA_ROUTES = ['kiosk', 'counter', 'display', 'dashboard', 'admin'];
/** The station's own pages, each a folder with an index.html. */
export const STATION_PAGES = ['first-run', 'maintenance'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.otf': 'font/otf',
  '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.wav': 'audio/wav', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8',
};

export interface AppRoots {
  rendererDir: string;
  stationPagesDir: string;
}

export type Resolved = { file: string; surface: AppSurface } | { status: 400 | 403 | 404 };

/** Maps an app:// URL to a file inside its root, or to the status that refuses it. */
export function resolveAppRequest(requestUrl: string, roots: AppRoots): Resolved {
  const surface = appSurfaceOf(requestUrl);
  if (!surface) return { status: 403 };
  let path: string;
  try {
    path = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return { status: 400 };
  }
  if (path.includes('\0') || path.includes('\\')) return { status: 400 };
  const segments = path.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.')) return { status: 403 };

  const root = surface === 'renderer' ? roots.rendererDir : roots.stationPagesDir;
  if (surface === 'station-page' && !STATION_PAGES.includes(segments[0] ?? '')) return { status: 404 };
  if (surface === 'station-page' && segments.length === 1) segments.push('index.html');
  const isScreenRoute = surface === 'renderer' && (segments.length === 0 || (SPA_ROUTES.includes(segments[0] ?? '') && !extname(path)));
  const file = resolve(root, isScreenRoute ? 'index.html' : join(...segments));
  const rel = relative(resolve(root), file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { status: 403 };
  return { file, surface };
}

function refuse(status: number): Response {
  return new Response(null, { status, headers: { 'X-Content-Type-Options': 'nosniff' } });
}

export function createAppHandler(roots: AppRoots, cspFor: (surface: AppSurface) => string) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const resolved = resolveAppRequest(request.url, roots);
    if ('status' in resolved) return refuse(resolved.status);
    try {
      const info = await stat(resolved.file);
      if (!info.isFile()) return refuse(404);
      const body = request.method === 'HEAD' ? null : await readFile(resolved.file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': CONTENT_TYPES[extname(resolved.file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': cspFor(resolved.surface),
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      return refuse(404);
    }
  };
}

/** After `ready`: serve app:// from the bundled folders. */
export function serveAppProtocol(electron: ElectronFacade, roots: AppRoots, cspFor: (surface: AppSurface) => string): void {
  electron.protocol.handle(APP_SCHEME, createAppHandler(roots, cspFor));
}
