// Which URLs belong to the app. Everything the station shows is served by its own `app://`
// protocol (protocol.ts): the renderer at app://dawr/…, the station's own pages (first run,
// maintenance PIN) at app://station/…. Parsed with `new URL`, never with string prefixes, so
// `app://dawr.evil/`, `app://dawr@evil/` or `app://dawr:80/` do not pass.

export const APP_SCHEME = 'app';
export const RENDERER_HOST = 'dawr';
export const STATION_PAGES_HOST = 'station';
export const RENDERER_ORIGIN = `${APP_SCHEME}://${RENDERER_HOST}`;
export const STATION_PAGES_ORIGIN = `${APP_SCHEME}://${STATION_PAGES_HOST}`;

export type AppSurface = 'renderer' | 'station-page';

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The surface a URL belongs to, or null when it is not one of the app's own. */
export function appSurfaceOf(value: string): AppSurface | null {
  const url = parse(value);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.username || url.password || url.port) return null;
  if (url.hostname === RENDERER_HOST) return 'renderer';
  if (url.hostname === STATION_PAGES_HOST) return 'station-page';
  return null;
}

export function isTrustedAppUrl(value: string): boolean {
  return appSurfaceOf(value) !== null;
}

/** The renderer's URL for a screen; the route is the screen name (`/kiosk`, `/display`, …). */
export function rendererUrl(route: string): string {
  return `${RENDERER_ORIGIN}/${route}`;
}

export function stationPageUrl(page: 'first-run' | 'maintenance'): string {
  return `${STATION_PAGES_ORIGIN}/${page}/index.html`;
}
