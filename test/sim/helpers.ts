// Test support: hand-written SOAP requests sent over real HTTP, and small readers for the answers.
// Deliberately independent of electron/ews: the simulator and the client must check each other.
import { request } from 'node:http';
import type { RunningSimulator } from '../../electron/sim/index';

export const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
export const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
export const PASSWORD = 'Sweeper-Demo-1!';
export const ADMIN = 'admin@contoso.com';

export interface EnvelopeOptions {
  impersonate?: string;
  version?: string;
}

export function envelope(body: string, options: EnvelopeOptions = {}): string {
  const impersonation = options.impersonate
    ? `<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>${options.impersonate}</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>`
    : '';
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${M}" xmlns:t="${T}">` +
    `<soap:Header><t:RequestServerVersion Version="${options.version ?? 'Exchange2013_SP1'}"/>${impersonation}</soap:Header>` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface PostOptions extends EnvelopeOptions {
  user?: string;
  password?: string;
  authorization?: string;
  /** Send this exact body instead of wrapping `body` in an envelope. */
  raw?: boolean;
  /** Give up after this long (rejects with "client timeout"). */
  timeoutMs?: number;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export function post(sim: RunningSimulator, body: string, options: PostOptions = {}): Promise<HttpAnswer> {
  const payload = options.raw ? body : envelope(body, options);
  const authorization = options.authorization ?? basic(options.user ?? ADMIN, options.password ?? PASSWORD);
  return new Promise((resolve, reject) => {
    const req = request(
      sim.url,
      { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', authorization, 'content-length': Buffer.byteLength(payload) }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.timeoutMs !== undefined) {
      req.setTimeout(options.timeoutMs, () => {
        req.destroy();
        reject(new Error('client timeout'));
      });
    }
    req.end(payload);
  });
}

export interface Message {
  cls: string;
  code: string;
  text: string;
  xml: string;
}

/** The ResponseMessages of an answer, in order. */
export function messages(xml: string): Message[] {
  const out: Message[] = [];
  const re = /<m:(\w+)ResponseMessage ResponseClass="(\w+)">([\s\S]*?)<\/m:\1ResponseMessage>/g;
  for (const m of xml.matchAll(re)) {
    const inner = m[3] ?? '';
    out.push({
      cls: m[2] ?? '',
      code: /<m:ResponseCode>([^<]*)<\/m:ResponseCode>/.exec(inner)?.[1] ?? '',
      text: /<m:MessageText>([^<]*)<\/m:MessageText>/.exec(inner)?.[1] ?? '',
      xml: inner,
    });
  }
  return out;
}

export function codes(xml: string): string[] {
  return messages(xml).map((m) => m.code);
}

export function itemIds(xml: string): Array<{ id: string; changeKey: string }> {
  return [...xml.matchAll(/<t:ItemId Id="([^"]+)" ChangeKey="([^"]+)"\/>/g)].map((m) => ({ id: m[1] ?? '', changeKey: m[2] ?? '' }));
}

export function folderIds(xml: string): string[] {
  return [...xml.matchAll(/<t:FolderId Id="([^"]+)"/g)].map((m) => m[1] ?? '');
}

export function fault(xml: string): { code: string; values: Record<string, string> } | undefined {
  const code = /<e:ResponseCode[^>]*>([^<]*)<\/e:ResponseCode>/.exec(xml)?.[1];
  if (!code) return undefined;
  const values: Record<string, string> = {};
  for (const m of xml.matchAll(/<t:Value Name="([^"]+)">([^<]*)<\/t:Value>/g)) values[m[1] ?? ''] = m[2] ?? '';
  return { code, values };
}

export function rootFolder(xml: string): { offset?: number; total: number; last: boolean } | undefined {
  const m = /<m:RootFolder([^>]*)>/.exec(xml);
  if (!m) return undefined;
  const attr = (name: string) => new RegExp(`${name}="([^"]+)"`).exec(m[1] ?? '')?.[1];
  const offset = attr('IndexedPagingOffset');
  return {
    offset: offset === undefined ? undefined : Number(offset),
    total: Number(attr('TotalItemsInView')),
    last: attr('IncludesLastItemInRange') === 'true',
  };
}

export function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');
}

export function subjects(xml: string): string[] {
  return [...xml.matchAll(/<t:Subject>([^<]*)<\/t:Subject>/g)].map((m) => unescapeXml(m[1] ?? ''));
}

// ---- request builders -----------------------------------------------------------------------

export const dist = (id: string, mailbox?: string): string =>
  mailbox
    ? `<t:DistinguishedFolderId Id="${id}"><t:Mailbox><t:EmailAddress>${mailbox}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>`
    : `<t:DistinguishedFolderId Id="${id}"/>`;
export const fid = (id: string): string => `<t:FolderId Id="${id}"/>`;
export const iid = (id: string, changeKey?: string): string => (changeKey ? `<t:ItemId Id="${id}" ChangeKey="${changeKey}"/>` : `<t:ItemId Id="${id}"/>`);

export const findItem = (
  parent: string,
  view = '<m:IndexedPageItemView MaxEntriesReturned="1000" Offset="0" BasePoint="Beginning"/>',
  extra = '',
  shape = 'IdOnly',
  props = '',
): string =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>${shape}</t:BaseShape>${props ? `<t:AdditionalProperties>${props}</t:AdditionalProperties>` : ''}</m:ItemShape>${view}${extra}<m:ParentFolderIds>${parent}</m:ParentFolderIds></m:FindItem>`;

export const deleteItems = (ids: string[], type: string, attrs = ''): string =>
  `<m:DeleteItem DeleteType="${type}"${attrs}><m:ItemIds>${ids.map((i) => iid(i)).join('')}</m:ItemIds></m:DeleteItem>`;

export const moveItems = (ids: string[], to: string, op = 'MoveItem', returnIds?: boolean): string =>
  `<m:${op}><m:ToFolderId>${to}</m:ToFolderId><m:ItemIds>${ids.map((i) => iid(i)).join('')}</m:ItemIds>${returnIds === undefined ? '' : `<m:ReturnNewItemIds>${returnIds}</m:ReturnNewItemIds>`}</m:${op}>`;

export const getFolder = (refs: string, props = ''): string =>
  `<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape>${props ? `<t:AdditionalProperties>${props}</t:AdditionalProperties>` : ''}</m:FolderShape><m:FolderIds>${refs}</m:FolderIds></m:GetFolder>`;

export const findFolder = (parent: string, traversal = 'Shallow', view = '', props = ''): string =>
  `<m:FindFolder Traversal="${traversal}"><m:FolderShape><t:BaseShape>Default</t:BaseShape>${props ? `<t:AdditionalProperties>${props}</t:AdditionalProperties>` : ''}</m:FolderShape>${view}<m:ParentFolderIds>${parent}</m:ParentFolderIds></m:FindFolder>`;

export const SOURCE_KEY_PROP = '<t:ExtendedFieldURI PropertyTag="0x65E0" PropertyType="Binary"/>';
export const LAPEI_PROP = '<t:ExtendedFieldURI PropertyTag="0x348A" PropertyType="Binary"/>';
