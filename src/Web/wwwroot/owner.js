// The owners' portal in the browser: the service worker (installable app, offline page) and sharing a visitor pass.

// Registered from the owners' pages only: staff consoles are desk computers that need neither.
if ('serviceWorker' in navigator && location.pathname.startsWith('/owner')) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' });
}

window.ownerPasses = {
    // The phone's share sheet where there is one; otherwise the code goes to the clipboard. Answers what was done.
    share: async (title, code) => {
        try {
            if (navigator.share) {
                await navigator.share({ title, text: code });
                return 'shared';
            }
            await navigator.clipboard.writeText(code);
            return 'copied';
        } catch {
            return 'none';
        }
    },
};
