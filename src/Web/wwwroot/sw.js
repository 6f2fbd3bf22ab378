// The owners' portal's service worker: what makes it installable and gives it an offline page. Kept small on purpose.
// It caches the app shell only — the offline page, the stylesheet it uses, the icons and the manifest — never an API
// answer or a rendered page: those carry an owner's personal data and must come fresh from the server each time.
const CACHE = 'owner-shell-v1';
const SHELL = ['/offline.html', '/app.css', '/icons/owner-192.png', '/icons/owner-512.png', '/manifest.webmanifest'];

self.addEventListener('install', event => {
    event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

// An older version's cache is dropped, so a changed shell is picked up.
self.addEventListener('activate', event => {
    event.waitUntil(caches.keys()
        .then(keys => Promise.all(keys.filter(key => key !== CACHE).map(key => caches.delete(key))))
        .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
    const request = event.request;
    if (request.method !== 'GET') {
        return;
    }

    // A page: always from the network (it is the owner's own data); the offline page only when there is no network.
    if (request.mode === 'navigate') {
        event.respondWith(fetch(request).catch(() => caches.match('/offline.html')));
        return;
    }

    // The shell's own files, cached above; everything else (the API, Blazor's connection) goes to the network untouched.
    const url = new URL(request.url);
    if (url.origin === self.location.origin && SHELL.includes(url.pathname)) {
        event.respondWith(caches.match(request).then(cached => cached || fetch(request)));
    }
});
