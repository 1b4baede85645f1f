// What an admin types for the server, completed to the EWS endpoint: "mail.contoso.com" →
// "https://mail.contoso.com/EWS/Exchange.asmx". Only the obvious gaps are filled (no scheme, no
// path, or just /EWS); anything else is left exactly as typed.

const EWS_PATH = '/EWS/Exchange.asmx';

export function completeEwsUrl(typed: string): string {
  const trimmed = typed.trim();
  if (trimmed === '') return trimmed;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return trimmed;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return trimmed;
  const path = url.pathname.replace(/\/+$/, '').toLowerCase();
  if (path === '' || path === '/ews') url.pathname = EWS_PATH;
  else if (url.search === '' && url.hash === '' && withScheme === trimmed) return trimmed;
  return url.toString();
}
