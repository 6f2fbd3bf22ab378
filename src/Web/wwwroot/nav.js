// The phone's menu is a popover: a link in it leads to another page by Blazor's enhanced navigation, which keeps the
// element (and so the open popover) in place; close it once a link is chosen.
document.addEventListener('click', event => {
    const menu = document.getElementById('app-nav');
    if (menu && event.target instanceof Element && event.target.closest('#app-nav a') && menu.matches(':popover-open')) {
        menu.hidePopover();
    }
});
