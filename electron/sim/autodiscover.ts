// POX Autodiscover ([MS-OXDSCLI] 2.2.4, the "POX Autodiscover request/response" reference):
// POST /autodiscover/autodiscover.xml with Request/EMailAddress and AcceptableResponseSchema
// (outlook/responseschema/2006a) answers User and Account (Protocol EXCH and EXPR with EwsUrl),
// or Response/Error with ErrorCode 500 (address not found), 600 (invalid request) or 601
// (schema not offered). EwsUrl names the host the client used (its Host header). A caller may
// look up only addresses it could open (rights.ts): its own, any with impersonation rights, or
// those it has FullAccess (or read access) to; others read as not found, so the lookup does not
// reveal which mailboxes exist.
// The HTTP redirect method ([MS-OXDSCLI] 3.1.5.1, step 4): a plain-HTTP listener answering an
// unauthenticated GET of the same path with 302 to the HTTPS endpoint.
import { createServer, type Server } from 'node:http';
import type { User } from './model';
import { mayReach } from './rights';
import type { Store } from './store';
import { esc } from './xmlWrite';
import { child, parseXml, type XNode } from './xmlRead';

export const AUTODISCOVER_PATH = '/autodiscover/autodiscover.xml';
const NS_REQUEST = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
const NS_RESPONSE = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
const NS_OUTLOOK = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const DEPLOYMENT_ID = '5c8b7a1e-2f4d-4b6a-9c3e-0d1f2a3b4c5d';
const ORG = '/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)';

export interface ListenerView {
  /** 'https' when the listener serves TLS. */
  scheme: 'http' | 'https';
  /** Host header of the request, or the listener's own 127.0.0.1:port. */
  host: string;
}

const xmlHead = '<?xml version="1.0" encoding="utf-8"?>';

function errorResponse(code: 500 | 600 | 601, message: string): string {
  const time = new Date().toISOString().slice(11, 23);
  return (
    `${xmlHead}<Autodiscover xmlns="${NS_RESPONSE}"><Response>` +
    `<Error Time="${time}" Id="2870917163"><ErrorCode>${code}</ErrorCode><Message>${esc(message)}</Message><DebugData /></Error>` +
    `</Response></Autodiscover>`
  );
}

function settings(user: User, listener: ListenerView): string {
  const base = `${listener.scheme}://${listener.host}`;
  const ews = `${base}/EWS/Exchange.asmx`;
  const hostName = listener.host.replace(/:\d+$/, '');
  const urls = `<ASUrl>${esc(ews)}</ASUrl><OOFUrl>${esc(ews)}</OOFUrl><EwsUrl>${esc(ews)}</EwsUrl><EcpUrl>${esc(`${base}/ecp/`)}</EcpUrl>`;
  return (
    `${xmlHead}<Autodiscover xmlns="${NS_RESPONSE}"><Response xmlns="${NS_OUTLOOK}">` +
    `<User><DisplayName>${esc(user.name)}</DisplayName><LegacyDN>${esc(`${ORG}/cn=Recipients/cn=${user.smtp.split('@')[0] ?? user.smtp}`)}</LegacyDN>` +
    `<AutoDiscoverSMTPAddress>${esc(user.smtp)}</AutoDiscoverSMTPAddress><DeploymentId>${DEPLOYMENT_ID}</DeploymentId></User>` +
    `<Account><AccountType>email</AccountType><Action>settings</Action><MicrosoftOnline>False</MicrosoftOnline>` +
    `<Protocol><Type>EXCH</Type><Server>ex01.contoso.com</Server><ServerDN>${esc(`${ORG}/cn=Configuration/cn=Servers/cn=EX01`)}</ServerDN>${urls}</Protocol>` +
    `<Protocol><Type>EXPR</Type><Server>${esc(hostName)}</Server><SSL>${listener.scheme === 'https' ? 'On' : 'Off'}</SSL><AuthPackage>Negotiate</AuthPackage>${urls}</Protocol>` +
    `</Account></Response></Autodiscover>`
  );
}

function parse(body: string): XNode | undefined {
  try {
    return parseXml(body);
  } catch {
    return undefined;
  }
}

/** The XML answer (always HTTP 200, as Exchange answers errors inside the document) for a signed-in caller. */
export function autodiscoverAnswer(store: Store, caller: User, body: string, listener: ListenerView): string {
  const root = parse(body);
  const request = root && root.ns === NS_REQUEST && root.name === 'Autodiscover' ? child(root, NS_REQUEST, 'Request') : undefined;
  const address = request && child(request, NS_REQUEST, 'EMailAddress')?.text.trim();
  const schema = request && child(request, NS_REQUEST, 'AcceptableResponseSchema')?.text.trim();
  if (!address || !schema) return errorResponse(600, 'Invalid Request');
  if (schema !== NS_OUTLOOK) return errorResponse(601, 'The Autodiscover server was unable to provide configuration information of the requested type.');
  const user = store.user(address);
  const allowed = user !== undefined && mayReach(caller, user);
  return allowed ? settings(user, listener) : errorResponse(500, 'The e-mail address cannot be found.');
}

/** The plain-HTTP redirect listener: GET /autodiscover/autodiscover.xml → 302 to `target`; anything else 404. */
export function createRedirectServer(target: () => string): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.toLowerCase();
    req.resume();
    const found = path === AUTODISCOVER_PATH && req.method === 'GET';
    res.writeHead(found ? 302 : 404, found ? { Location: target(), 'Content-Length': 0 } : { 'Content-Type': 'text/plain', 'Content-Length': 9 });
    res.end(found ? '' : 'Not Found');
  });
}
