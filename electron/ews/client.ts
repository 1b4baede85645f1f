// The facade the batch engine calls: one method per operation, each taking an AbortSignal
// and a timeout. Results are per input, in input order; request-level failures reject with
// EwsError.
import type { EwsAuth } from './auth';
import { buildEnvelope } from './envelope';
import type { EwsOperation } from './operation';
import { createFolderOperation, type CreateFolderRequest, type CreatedFolder } from './operations/createFolder';
import { createItemOperation, type CreateItemRequest } from './operations/createItem';
import { deleteFolderOperation, type DeleteFolderRequest } from './operations/deleteFolder';
import { deleteItemOperation, type DeleteItemRequest } from './operations/deleteItem';
import { emptyFolderOperation, type EmptyFolderRequest } from './operations/emptyFolder';
import { findFolderOperation, type FindFolderPage, type FindFolderRequest } from './operations/findFolder';
import { findItemOperation, type FindItemPage, type FindItemRequest } from './operations/findItem';
import { getFolderOperation, type GetFolderRequest } from './operations/getFolder';
import { getItemOperation, type GetItemRequest } from './operations/getItem';
import { copyItemOperation, moveItemOperation, type MoveCopyItemRequest, type MovedItem } from './operations/moveCopyItem';
import { convertIdOperation, type AlternateId, type ConvertIdRequest } from './operations/convertId';
import { copyFolderOperation } from './operations/copyFolder';
import { expandDLOperation, type DistributionListExpansion, type ExpandDLRequest } from './operations/expandDl';
import { getItemDetailsOperation, type GetItemDetailsRequest, type ItemDetails } from './operations/getItemDetails';
import { moveFolderOperation, type FolderTransferRequest, type TransferredFolder } from './operations/moveFolder';
import { resolveNamesOperation, type ResolveNamesRequest, type ResolveNamesResult } from './operations/resolveNames';
import { updateItemOperation, type UpdatedItem, type UpdateItemRequest } from './operations/updateItem';
import { MAX_PAGE_SIZE } from './operations/paging';
import type { FolderRow } from './folderRow';
import type { ItemId } from './ids';
import type { ItemRow } from './itemRow';
import { EwsError } from './errors';
import type { EwsResult } from './responseMessages';
import { DEFAULT_SERVER_VERSION, isExchangeVersion, type ExchangeVersion } from './serverVersion';
import { responseElement } from './soapResponse';
import { HttpTransport } from './transport';
import type { ProxySettings } from './proxy';
import type { ConnectVia } from './agent';
import type { EwsTransport, ExchangeRecord } from './transportPort';
import { createResponseParser, type ResponseParser } from './responseParser';
import { DEFAULT_MAX_TEXT_LENGTH, DEFAULT_WORKER_THRESHOLD_BYTES, responseCapFor } from './responseLimits';
import { keyOfOperation } from './parseRegistry';
import { sharedParseOffload } from './parseOffload';

export interface EwsClientOptions {
  /** e.g. https://mail.contoso.com/EWS/Exchange.asmx */
  url: string;
  auth: EwsAuth;
  serverVersion?: ExchangeVersion;
  /** Primary SMTP address to impersonate (ExchangeImpersonation + X-AnchorMailbox). */
  impersonate?: string;
  /**
   * Primary SMTP address of another user's mailbox opened with delegate access (FullAccess): only
   * X-AnchorMailbox is sent, no ExchangeImpersonation; the caller names that mailbox in every
   * DistinguishedFolderId (t:Mailbox), or Exchange opens the signed-in account's own. Not with `impersonate`.
   */
  delegate?: string;
  /** Default per-call timeout (ms); default 120 s, above Exchange's one-minute batch limit. */
  timeoutMs?: number;
  maxSockets?: number;
  /** Largest response accepted (bytes), for every operation; default per operation (responseLimits.ts). */
  maxResponseBytes?: number;
  /** Longest text node accepted (characters); default 4 Mi. */
  maxTextLength?: number;
  /** Answers at least this long (characters) are parsed in the parse worker; false parses every answer here. Default 512 Ki. */
  parseInWorkerAbove?: number | false;
  /** Deepest element nesting accepted in a response; default 64 (EWS needs about 12). */
  maxResponseDepth?: number;
  ca?: string | readonly string[];
  /** The server certificate trusted for this server (see agent.ts). */
  pinnedSha256?: string;
  pinnedPem?: string;
  proxy?: ProxySettings;
  /** Where host names really connect (tests, diagnostics); see agent.ts. */
  connectVia?: ConnectVia;
  onExchange?: (record: ExchangeRecord) => void;
  /** Carries the requests instead of the Node transport (e.g. Chromium's stack for Windows sign-in); url, auth, maxSockets, ca and maxResponseBytes are then its business. */
  transport?: EwsTransport;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_DEPTH = 64;

export class EwsClient {
  readonly #transport: EwsTransport;
  readonly #parser: ResponseParser;
  readonly #serverVersion: ExchangeVersion;
  readonly #impersonate: string | undefined;
  /** X-AnchorMailbox: the mailbox every request works in, impersonated or opened as a delegate. */
  readonly #anchorMailbox: string | undefined;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number | undefined;
  readonly #limits: { maxDepth: number; maxTextLength: number };
  readonly #workerAbove: number | false;

  constructor(options: EwsClientOptions) {
    if (options.impersonate !== undefined && options.delegate !== undefined) {
      throw new EwsError('invalid-request', 'A connection either impersonates a mailbox or opens it as a delegate, not both.');
    }
    this.#transport =
      options.transport ??
      new HttpTransport({
        url: options.url,
        auth: options.auth,
        maxSockets: options.maxSockets,
        // Per call below; a transport-wide cap only when the caller set one.
        maxResponseBytes: options.maxResponseBytes,
        ca: options.ca,
        pinnedSha256: options.pinnedSha256,
        pinnedPem: options.pinnedPem,
        proxy: options.proxy,
        connectVia: options.connectVia,
        onExchange: options.onExchange,
      });
    this.#limits = { maxDepth: options.maxResponseDepth ?? DEFAULT_MAX_DEPTH, maxTextLength: options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH };
    this.#parser = createResponseParser(this.#limits);
    this.#maxResponseBytes = options.maxResponseBytes;
    this.#workerAbove = options.parseInWorkerAbove ?? DEFAULT_WORKER_THRESHOLD_BYTES;
    this.#serverVersion = options.serverVersion ?? DEFAULT_SERVER_VERSION;
    if (!isExchangeVersion(this.#serverVersion)) throw new EwsError('invalid-request', 'The requested Exchange version is not one EWS defines.');
    this.#impersonate = options.impersonate;
    this.#anchorMailbox = options.impersonate ?? options.delegate;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The RequestServerVersion this client sends. */
  get serverVersion(): ExchangeVersion {
    return this.#serverVersion;
  }

  /** Builds the full SOAP request an operation would send (used by tests and diagnostics). */
  buildRequest<Req, Res>(operation: EwsOperation<Req, Res>, request: Req): string {
    return buildEnvelope({ serverVersion: this.#serverVersion, impersonate: this.#impersonate }, operation.buildBody(request));
  }

  async call<Req, Res>(operation: EwsOperation<Req, Res>, request: Req, options: CallOptions = {}): Promise<Res> {
    const requestXml = this.buildRequest(operation, request);
    const headers: Record<string, string> = this.#anchorMailbox === undefined ? {} : { 'X-AnchorMailbox': this.#anchorMailbox };
    const raw = await this.#transport.post(requestXml, {
      operation: operation.name,
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
      headers,
      maxResponseBytes: this.#maxResponseBytes ?? responseCapFor(operation.name),
    });
    const answer = { status: raw.status, contentType: raw.headers['content-type'], location: raw.headers.location, body: raw.body };
    const key = keyOfOperation(operation);
    if (key !== undefined && this.#workerAbove !== false && raw.body.length >= this.#workerAbove) {
      // A large answer is read on the parse worker's thread: this event loop only waits.
      const result = await sharedParseOffload().parse({ operationKey: key, request, answer, impersonating: this.#impersonate, limits: this.#limits });
      return result as Res;
    }
    const response = responseElement(answer, { operation: operation.name, parser: this.#parser, impersonating: this.#impersonate });
    return operation.parseResponse(response, request);
  }

  getFolder(request: GetFolderRequest, options?: CallOptions): Promise<EwsResult<FolderRow | undefined>[]> {
    return this.call(getFolderOperation, request, options);
  }

  findFolder(request: FindFolderRequest, options?: CallOptions): Promise<EwsResult<FindFolderPage>[]> {
    return this.call(findFolderOperation, request, options);
  }

  findItem(request: FindItemRequest, options?: CallOptions): Promise<EwsResult<FindItemPage>> {
    return this.call(findItemOperation, request, options);
  }

  /**
   * Pages through a whole folder (≤1000 per page), yielding each page's result. Stops after
   * the last page, after a per-folder error (yielded), or when the server stops advancing.
   */
  async *findAllItems(
    request: Omit<FindItemRequest, 'page'> & { pageSize?: number; startOffset?: number },
    options?: CallOptions,
  ): AsyncGenerator<EwsResult<FindItemPage>> {
    const maxEntries = Math.min(request.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    let offset = request.startOffset ?? 0;
    for (;;) {
      const result = await this.findItem({ folder: request.folder, filter: request.filter, sort: request.sort, page: { offset, maxEntries } }, options);
      yield result;
      if (!result.ok || result.value.includesLastItemInRange) return;
      const next = result.value.indexedPagingOffset ?? offset + result.value.items.length;
      if (next <= offset) {
        throw new EwsError('malformed', `Exchange sent an unusable answer: paging did not advance past offset ${offset}.`);
      }
      offset = next;
    }
  }

  getItem(request: GetItemRequest, options?: CallOptions): Promise<EwsResult<ItemRow | undefined>[]> {
    return this.call(getItemOperation, request, options);
  }

  createItem(request: CreateItemRequest, options?: CallOptions): Promise<EwsResult<ItemId | undefined>[]> {
    return this.call(createItemOperation, request, options);
  }

  moveItem(request: MoveCopyItemRequest, options?: CallOptions): Promise<EwsResult<MovedItem>[]> {
    return this.call(moveItemOperation, request, options);
  }

  copyItem(request: MoveCopyItemRequest, options?: CallOptions): Promise<EwsResult<MovedItem>[]> {
    return this.call(copyItemOperation, request, options);
  }

  deleteItem(request: DeleteItemRequest, options?: CallOptions): Promise<EwsResult<null>[]> {
    return this.call(deleteItemOperation, request, options);
  }

  emptyFolder(request: EmptyFolderRequest, options?: CallOptions): Promise<EwsResult<null>[]> {
    return this.call(emptyFolderOperation, request, options);
  }

  createFolder(request: CreateFolderRequest, options?: CallOptions): Promise<EwsResult<CreatedFolder | undefined>[]> {
    return this.call(createFolderOperation, request, options);
  }

  deleteFolder(request: DeleteFolderRequest, options?: CallOptions): Promise<EwsResult<null>[]> {
    return this.call(deleteFolderOperation, request, options);
  }

  /** Moves folders (with their contents) under another folder; each keeps its FolderId. */
  moveFolder(request: FolderTransferRequest, options?: CallOptions): Promise<EwsResult<TransferredFolder | undefined>[]> {
    return this.call(moveFolderOperation, request, options);
  }

  /** Copies folder trees under another folder; each result is the new top folder. */
  copyFolder(request: FolderTransferRequest, options?: CallOptions): Promise<EwsResult<TransferredFolder | undefined>[]> {
    return this.call(copyFolderOperation, request, options);
  }

  /** Sets IsRead and/or Categories on items in place. */
  updateItem(request: UpdateItemRequest, options?: CallOptions): Promise<EwsResult<UpdatedItem>[]> {
    return this.call(updateItemOperation, request, options);
  }

  convertId(request: ConvertIdRequest, options?: CallOptions): Promise<EwsResult<AlternateId | undefined>[]> {
    return this.call(convertIdOperation, request, options);
  }

  resolveNames(request: ResolveNamesRequest, options?: CallOptions): Promise<ResolveNamesResult> {
    return this.call(resolveNamesOperation, request, options);
  }

  expandDL(request: ExpandDLRequest, options?: CallOptions): Promise<EwsResult<DistributionListExpansion>> {
    return this.call(expandDLOperation, request, options);
  }

  /** Headers and body of a few items (the reading pane). */
  getItemDetails(request: GetItemDetailsRequest, options?: CallOptions): Promise<EwsResult<ItemDetails | undefined>[]> {
    return this.call(getItemDetailsOperation, request, options);
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.#transport.close();
  }
}
