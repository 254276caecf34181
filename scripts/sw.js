// The service worker of dist/ (scripts/offline.py fills in VERSION and FILES
// after the build): after the first visit the editor and the merge page open
// with no network. Every file of the release is cached on install; a new
// release installs beside the old one and waits until the page, having shown
// "reload to update", asks it to take over, so no tab runs a mix of two releases.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `notice-studio-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('notice-studio-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The release's own files from the cache (a folder is its index.html); any
// other request goes to the network as if there were no worker.
self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const url = new URL(request.url);
    url.search = '';
    if (url.pathname.endsWith('/')) url.pathname += 'index.html';
    return (await cache.match(url.href)) ?? fetch(request);
  })());
});
