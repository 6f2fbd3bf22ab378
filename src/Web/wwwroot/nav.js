// The phone's menu is a popover: a link in it leads to another page by Blazor's enhanced navigation, which keeps the
// element (and so the open popover) in place; close it once a link is chosen.
document.addEventListener('click', event => {
    const menu = document.getElementById('app-nav');
    if (menu && event.target instanceof Element && event.target.closest('#app-nav a') && menu.matches(':popover-open')) {
        menu.hidePopover();
    }
});

// Signing out: the server ends the session before the browser has been to identity to end it there. This page's circuit
// (a timer's reload, or a circuit that was still starting) then finds the session gone and would send the browser to
// sign-in, and that navigation cut the one to identity short: identity, still signed in, signed the user straight back in.
// While this page is on its way out through the sign-out form, the circuit's "sign in again" is not followed.
let signingOut = false;
document.addEventListener('submit', event => {
    if (event.target instanceof HTMLFormElement && new URL(event.target.action, location.href).pathname.endsWith('/signout')) {
        signingOut = true;
        // Should the sign-out not leave this page (the server unreachable), a lost session leads to sign-in again later.
        setTimeout(() => { signingOut = false; }, 30_000);
    }
}, true);
window.addEventListener('pageshow', () => { signingOut = false; });

window.session = {
    // Called by the circuit when the user's session has ended (GatewayPage): off to sign-in, unless signing out here.
    signInAgain: url => {
        if (signingOut) {
            console.info('The session has ended while this page is signing out: not going to sign-in.');
        } else {
            location.assign(url);
        }
    },
};
