// The Content-Security-Policy sent as a header with every app:// response (protocol.ts).
// The renderer may talk to exactly one other origin: the hub (HTTP for the API, WebSocket for
// the event stream). No inline scripts anywhere; inline styles only for the renderer, whose
// own meta policy (renderer/index.html) asks for them.

function hubSources(hubUrl: string | null): string[] {
  if (!hubUrl) return [];
  const hub = new URL(hubUrl);
  const ws = hub.protocol === 'https:' ? 'wss:' : 'ws:';
  return [hub.origin, `${ws}//${hub.host}`];
}

const common = ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-src 'none'", "frame-ancestors 'none'"];

export function rendererCsp(hubUrl: string | null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    `connect-src 'self' ${hubSources(hubUrl).join(' ')}`.trim(),
    "worker-src 'self'",
    ...common,
  ].join('; ');
}

/** The first-run and PIN pages talk to main only through their preload: no network at all. */
export function stationPageCsp(): string {
  return ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'none'", ...common].join('; ');
}
