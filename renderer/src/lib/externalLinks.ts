// The page never navigates away from the app: a click on a link to another origin is stopped
// here (Electron's will-navigate block is the second line, in the main process).
export function refuseExternalNavigation(onRefused: (url: string) => void): () => void {
  const onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!(target instanceof HTMLAnchorElement)) return;
    const url = new URL(target.href, window.location.href);
    if (url.origin === window.location.origin && url.protocol === window.location.protocol) return;
    event.preventDefault();
    onRefused(url.href);
  };
  // auxclick: a middle click would otherwise open the link in a new window.
  document.addEventListener('click', onClick, true);
  document.addEventListener('auxclick', onClick, true);
  return () => {
    document.removeEventListener('click', onClick, true);
    document.removeEventListener('auxclick', onClick, true);
  };
}
