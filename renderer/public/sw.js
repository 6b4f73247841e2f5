// Dawr's service worker: makes the tracking page an installable web app and shows the hall's
// Web Push messages ("your turn is near", "your turn: counter 5"). No caching: the page is live
// data; offline it says so itself.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let msg = { title: 'دور', body: '' };
  try {
    msg = { ...msg, ...event.data.json() };
  } catch {
    msg.body = event.data ? event.data.text() : '';
  }
  const rtl = /[\u0600-\u06FF]/.test(msg.body);
  event.waitUntil(self.registration.showNotification(msg.title, {
    body: msg.body,
    dir: rtl ? 'rtl' : 'ltr',
    lang: rtl ? 'ar' : 'en',
    icon: '/icon.svg',
    tag: 'dawr-turn',
    renotify: true,
    requireInteraction: msg.kind === 'called',
    vibrate: msg.kind === 'called' ? [300, 150, 300, 150, 600] : [200],
    data: { url: msg.url || '/track' },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || '/track', self.location.origin).href;
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const same = open.find((c) => c.url === url);
    if (same) return same.focus();
    return self.clients.openWindow(url);
  })());
});
