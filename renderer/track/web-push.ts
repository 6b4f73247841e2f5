// Web Push from the tracking page: the service worker (/sw.js) and a push subscription to the
// hub's VAPID key. Needs a secure context (https, or localhost) and the browser's permission.
export type PushSupport = 'ok' | 'insecure' | 'unsupported' | 'denied';

export function pushSupport(): PushSupport {
  if (typeof window === 'undefined' || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
  if (!window.isSecureContext) return 'insecure';
  if (Notification.permission === 'denied') return 'denied';
  return 'ok';
}

/** Registers the service worker (it also makes the page installable); harmless where unsupported. */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !window.isSecureContext) return undefined;
  try {
    return await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  } catch {
    return undefined;
  }
}

const fromBase64Url = (s: string): Uint8Array<ArrayBuffer> => {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(b.length));
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
};

/** Asks for permission and subscribes; the subscription as JSON for the hub. */
export async function subscribePush(vapidPublicKey: string): Promise<PushSubscriptionJSON> {
  const reg = (await registerServiceWorker()) ?? (() => { throw new Error('no service worker'); })();
  if ((await Notification.requestPermission()) !== 'granted') throw new Error('denied');
  await navigator.serviceWorker.ready;
  const sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(vapidPublicKey) }));
  return sub.toJSON();
}

/** The last ticket followed on this phone, so the installed app (start_url /track) opens it. */
const LAST = 'dawr.lastTrack';
export const rememberTrack = (code: string) => {
  try {
    localStorage.setItem(LAST, code);
  } catch {
    /* private mode: nothing to remember */
  }
};
export const lastTrack = (): string | null => {
  try {
    return localStorage.getItem(LAST);
  } catch {
    return null;
  }
};
