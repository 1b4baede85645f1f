// Runtime schemas for every IPC argument, one per method of shared/ipc.ts.
// The renderer is treated as untrusted: objects are strict (unknown keys are refused) and
// strings, lists and page sizes are bounded, so a compromised page cannot feed the service
// shapes or sizes it was never meant to see.
import { z } from 'zod';
import { AUTH_KINDS, GRAPH_SIGN_IN_KINDS, PASSWORD_SCHEMES, type MethodArg, type SweeperMethod } from '../shared/ipc';
import { FIND_ITEM_PAGE_LIMIT } from '../shared/paging';
import { multiMailboxSchemas } from './ipcValidationMulti';

const MAX_ID = 2048; // EWS ids are ~150 characters; generous bound against abuse
const MAX_TEXT = 1024;
const MAX_URL = 2048;
/** Largest explicit selection a job accepts (the UI selects at most what it has paged in). */
export const MAX_JOB_IDS = 500_000;
/** The largest page a list call may ask for: FindItem's limit for item lists, the same bound for report pages. */
export const MAX_PAGE = FIND_ITEM_PAGE_LIMIT;

const id = z.string().min(1).max(MAX_ID);
const text = z.string().max(MAX_TEXT);
const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());
const smtp = z
  .string()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'expected an SMTP address');

const httpUrl = z
  .string()
  .min(1)
  .max(MAX_URL)
  .refine((value) => {
    try {
      const protocol = new URL(value).protocol;
      return protocol === 'https:' || protocol === 'http:';
    } catch {
      return false;
    }
  }, 'expected an http(s) URL')
  // A password typed into the address would travel and be saved in clear: credentials have their own fields.
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.username === '' && url.password === '';
    } catch {
      return true;
    }
  }, 'must not contain a user name or password');

const deleteMode = z.enum(['MoveToDeletedItems', 'SoftDelete', 'HardDelete']);
const mailboxPart = z.enum(['primary', 'archive']);
const outcomeKind = z.enum(['done', 'alreadyGone', 'failed', 'unknown', 'notAttempted']);

/** RFC 5322 allows 998 characters a line; a Message-ID is far shorter in practice. */
const MAX_MESSAGE_ID = 998;

const itemFilter = z.strictObject({
  subjectContains: text.optional(),
  senderContains: text.optional(),
  receivedAfter: isoDate.optional(),
  receivedBefore: isoDate.optional(),
  itemClass: text.optional(),
  deletedAfter: isoDate.optional(),
  deletedBefore: isoDate.optional(),
  sentAfter: isoDate.optional(),
  sentBefore: isoDate.optional(),
  // Control characters cannot travel in XML 1.0 and never occur in a Message-ID.
  messageId: z
    .string()
    .min(1)
    .max(MAX_MESSAGE_ID)
    .refine((v) => v.trim().length > 0 && !/[\u0000-\u001f\u007f]/.test(v), 'expected a Message-ID')
    .optional(),
  read: z.enum(['read', 'unread']).optional(),
  hasCategories: z.boolean().optional(),
  hasAttachments: z.boolean().optional(),
  importance: z.enum(['Low', 'Normal', 'High']).optional(),
});

const itemSort = z.strictObject({
  field: z.enum(['received', 'subject', 'from', 'size', 'itemClass', 'lastModified']),
  direction: z.enum(['asc', 'desc']),
});

/** Longest folder name accepted (Outlook and OWA stop well below; the store's own limit is higher). */
export const MAX_FOLDER_NAME = 255;
/** New folders one recover job may make (one per deleted folder in the selection). */
export const MAX_NEW_FOLDERS = 1000;
/**
 * A new folder's name. The store itself restricts no characters when a folder is made through its
 * API (learn.microsoft.com aa493942, "Special Characters in Folder Names"), but control characters
 * cannot travel in XML 1.0, and / and \ are refused by OWA and Windows Explorer (same page; KB 256385)
 * and would make our own folder paths ("Inbox/Projects") ambiguous.
 */
const folderName = z
  .string()
  .max(MAX_FOLDER_NAME)
  .refine((v) => v.trim().length > 0, 'must not be empty')
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters')
  .refine((v) => !/[/\\]/.test(v), 'must not contain / or \\');
/** LastActiveParentEntryId as base64 (a source key is 22 bytes; bounded generously). */
const base64Key = z
  .string()
  .min(4)
  .max(512)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64');

const orphanPolicy = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fallback') }),
  z.strictObject({
    kind: z.literal('newFolders'),
    parentFolderId: id,
    names: z
      .array(z.strictObject({ lastActiveParentEntryId: base64Key, displayName: folderName }))
      .min(1)
      .max(MAX_NEW_FOLDERS),
  }),
]);

const jobAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('move'), toFolderId: id }),
  z.strictObject({ kind: z.literal('copy'), toFolderId: id }),
  z.strictObject({ kind: z.literal('delete'), mode: deleteMode }),
  z.strictObject({ kind: z.literal('recover'), fallbackFolderId: id, orphans: orphanPolicy.optional() }),
  z.strictObject({ kind: z.literal('emptyFolder'), folderId: id, mode: deleteMode, deleteSubFolders: z.boolean() }),
]);

const jobTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ids'), ids: z.array(id).max(MAX_JOB_IDS), folderId: id.optional() }),
  z.strictObject({
    kind: z.literal('query'),
    folderId: id,
    filter: itemFilter,
    excludeIds: z.array(id).max(MAX_JOB_IDS).optional(),
  }),
]);

const jobSpec = z.strictObject({
  mailbox: z.strictObject({ smtp: smtp.optional(), part: mailboxPart }),
  action: jobAction,
  target: jobTarget,
});

const jobRef = z.strictObject({ jobId: id });
const noArgument = z.undefined();

const authKind = z.enum(AUTH_KINDS);
const passwordSchemes = z.array(z.enum(PASSWORD_SCHEMES)).min(1).max(PASSWORD_SCHEMES.length);
// Bearer tokens can be long JWTs; bounded all the same.
const secret = z.string().min(1).max(16_384);
const sha256Fingerprint = z.string().regex(/^(?:[0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'a SHA-256 fingerprint (AB:CD:…)');
const proxySettings = z.strictObject({
  url: httpUrl,
  user: z.string().max(MAX_TEXT).optional(),
  password: z.string().min(1).max(MAX_TEXT).optional(),
});

const ewsConnectRequest = z.strictObject({
  backend: z.literal('ews').optional(),
  url: httpUrl,
  authKind,
  user: z.string().max(MAX_TEXT).optional(),
  domain: z.string().max(MAX_TEXT).optional(),
  schemes: passwordSchemes.optional(),
  secret: secret.optional(),
  impersonate: smtp.optional(),
  trustCertificate: sha256Fingerprint.optional(),
  allowInsecureHttp: z.boolean().optional(),
  proxy: proxySettings.optional(),
  saveAs: z.string().min(1).max(200).optional(),
});

/** An https address without credentials (the sign-in authority and Graph refuse anything else). */
const httpsUrl = httpUrl.refine((value) => value.startsWith('https:'), 'expected an https URL');
/** A directory (tenant) id: a GUID or a verified domain, one path segment of the authority URL. */
const tenantId = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$/, 'expected a tenant id (GUID) or a domain name');
const guid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'expected an application (client) id (GUID)');
/** A file the main process reads: an absolute path (Windows or POSIX), no control characters. */
const filePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters')
  .refine((v) => v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\\\'), 'expected an absolute path');
/** SHA-1 (40 hex, Entra's "Thumbprint") or SHA-256 (64 hex), with or without colons or spaces. */
const thumbprint = z
  .string()
  .max(200)
  .refine((v) => /^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/.test(v.replace(/[\s:]/g, '')), 'expected a SHA-1 or SHA-256 thumbprint (hex)');

const graphSettings = z
  .strictObject({
    tenantId,
    clientId: guid,
    authorityUrl: httpsUrl.optional(),
    graphUrl: httpsUrl.optional(),
    signIn: z.enum(GRAPH_SIGN_IN_KINDS),
    certificate: z.strictObject({ certificatePath: filePath, privateKeyPath: filePath, thumbprint: thumbprint.optional() }).optional(),
    mailbox: smtp,
  })
  .refine((g) => g.signIn !== 'appOnly' || g.certificate !== undefined, { message: 'app-only sign-in needs the certificate files', path: ['certificate'] })
  .refine((g) => g.signIn !== 'delegated' || g.certificate === undefined, { message: 'delegated sign-in takes no certificate', path: ['certificate'] });

const graphConnectRequest = z.strictObject({
  backend: z.literal('graph'),
  graph: graphSettings,
  saveAs: z.string().min(1).max(200).optional(),
});

/** EWS in Exchange Online signed in through Microsoft 365 (authKind 'microsoft365'). */
const microsoft365SignIn = z.strictObject({ tenantId, clientId: guid, authorityUrl: httpsUrl.optional() });

// A request without `backend` is EWS (every version before Graph sent none).
const connectRequest = z.union([
  ewsConnectRequest.extend({ microsoft365: microsoft365SignIn.optional() }).refine((r) => r.authKind !== 'microsoft365' || r.microsoft365 !== undefined, {
    message: 'Microsoft 365 sign-in needs the tenant and client ids',
    path: ['microsoft365'],
  }),
  graphConnectRequest,
]);

export const argumentSchemas = {
  listProfiles: noArgument,
  deleteProfile: z.strictObject({ profileId: id }),
  connect: connectRequest,
  testConnection: connectRequest,
  autodiscover: z.strictObject({
    email: smtp,
    authKind,
    user: z.string().max(MAX_TEXT).optional(),
    domain: z.string().max(MAX_TEXT).optional(),
    schemes: passwordSchemes.optional(),
    secret: secret.optional(),
    proxy: proxySettings.optional(),
    allowHosts: z.array(z.string().min(1).max(253)).max(10).optional(),
  }),
  getTrace: noArgument,
  clearTrace: noArgument,
  connectProfile: z.strictObject({ profileId: id, secret: secret.optional() }),
  openDemo: noArgument,
  signOut: noArgument,
  cancelSignIn: noArgument,
  disconnect: noArgument,
  listFolders: z.strictObject({ part: mailboxPart }),
  listItems: z.strictObject({
    folderId: id,
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    max: z.number().int().min(1).max(MAX_PAGE),
    sort: itemSort.optional(),
    filter: itemFilter.optional(),
  }),
  getItemDetails: z.strictObject({ itemId: id, body: z.enum(['text', 'html']) }),
  dryRun: jobSpec,
  startJob: jobSpec,
  pauseJob: jobRef,
  resumeJob: jobRef,
  cancelJob: jobRef,
  listJobs: noArgument,
  jobReport: z.strictObject({
    jobId: id,
    outcomes: z.array(outcomeKind).max(5).optional(),
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    max: z.number().int().min(1).max(MAX_PAGE),
  }),
  retryFailed: jobRef,
  resumeInterrupted: jobRef,
  deleteJob: jobRef,
  exportReport: z.strictObject({ jobId: id, format: z.enum(['csv', 'json']) }),
  deleteFolder: z.strictObject({ folderId: id, mode: z.enum(['MoveToDeletedItems', 'HardDelete']) }),
  restoreFolder: z.strictObject({ part: mailboxPart, folderId: id, toFolderId: id }),
  dumpsterHealth: z.strictObject({ smtp: smtp.optional() }),
  ...multiMailboxSchemas({
    id,
    smtp,
    itemFilter,
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    pageSize: z.number().int().min(1).max(MAX_PAGE),
  }),
} satisfies Record<SweeperMethod, z.ZodType>;

// ---- Compile-time check: each schema's output is exactly the contract's argument type ----------

/** `void` arguments travel as `undefined`. */
type WireArg<M extends SweeperMethod> = [MethodArg<M>] extends [void] ? undefined : MethodArg<M>;
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SchemaMismatches = {
  [M in SweeperMethod]: MutuallyAssignable<z.output<(typeof argumentSchemas)[M]>, WireArg<M>> extends true ? never : M;
}[SweeperMethod];
const _schemasMatchContract: [SchemaMismatches] extends [never] ? true : SchemaMismatches = true;
void _schemasMatchContract;

export type ValidationResult<M extends SweeperMethod> = { ok: true; value: MethodArg<M> } | { ok: false; message: string };

/** Validates one IPC argument; the message names the method and each offending field. */
export function validateArgument<M extends SweeperMethod>(method: M, arg: unknown): ValidationResult<M> {
  const schema: z.ZodType = argumentSchemas[method];
  const parsed = schema.safeParse(arg);
  if (parsed.success) {
    // Safe: the compile-time check above proves the schema's output is MethodArg<M>.
    return { ok: true, value: parsed.data as MethodArg<M> };
  }
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'argument';
    return `${where}: ${issue.message}`;
  });
  return { ok: false, message: `Invalid argument for ${method}: ${problems.slice(0, 5).join('; ')}` };
}
