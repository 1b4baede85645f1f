// Connects a Playwright page to a SweeperHandlers implementation the way the preload connects
// the renderer to ipcMain: window.sweeper built from the contract's lists in an init script,
// each method calling one exposed binding, events delivered by calling into the page.
//
// Two ways for calls to cross, both with answers as JSON text:
// - the binding (the e2e suite): the page keeps the app's CSP untouched (connect-src 'none');
// - a same-origin POST endpoint on the harness's own server (the UI bench): a 1000-row page
//   costs about 20 ms of CPU across Node, the browser and the renderer through Playwright's
//   binding (CDP messages), about half that over HTTP; Electron's structured-clone IPC costs
//   about 2 ms. The bench measures the app, so it takes the cheaper of the two stand-ins. The
//   page's CSP then allows connect-src 'self' (the harness server only).
import type { Page } from '@playwright/test';
import { sweeperEvents, sweeperMethods, type SweeperEmit, type SweeperHandlers, type SweeperMethod } from '../../shared/ipc';
import { installSweeperBridge, type BridgeNames } from './installSweeperBridge';
import type { PostEndpoint } from './staticServer';

const INVOKE_BINDING = '__sweeperInvoke';
const DELIVER_FUNCTION = '__sweeperDeliver';

export interface InvokeRecord {
  method: SweeperMethod;
  arg: unknown;
}

/** An emit for the service that forwards events into the page (lost if the page is closing). */
export function emitToPage(page: () => Page | undefined): SweeperEmit {
  return (event, payload) => {
    page()
      ?.evaluate(([fn, name, body]) => (window as unknown as Record<string, (e: string, p: unknown) => void>)[fn]?.(name, body), [
        DELIVER_FUNCTION,
        event,
        payload,
      ] as const)
      .catch(() => undefined);
  };
}

const INVOKE_PATH = '/__sweeper/invoke';

async function invokeHandler(handlers: SweeperHandlers, calls: InvokeRecord[], method: SweeperMethod, arg: unknown): Promise<string> {
  if (!sweeperMethods.includes(method)) throw new Error(`unknown method ${String(method)}`);
  calls.push({ method, arg });
  const handler = handlers[method] as (a: unknown) => Promise<unknown>;
  // Answers cross as JSON text, parsed in the page: Playwright's own value serialization costs
  // ~140 ms for a 1000-row item page (JSON: ~15 ms), far from what Electron's structured clone
  // costs, and would make the harness, not the app, the bottleneck.
  return JSON.stringify({ value: await handler(arg) });
}

/**
 * The endpoint for the HTTP way (give it to serveRenderer, then call wireSweeper with
 * `{ overHttp: true }`). A handler's error is answered as `{ error }` and rejected in the page.
 */
export function sweeperEndpoint(handlers: SweeperHandlers, calls: InvokeRecord[] = []): PostEndpoint {
  return {
    path: INVOKE_PATH,
    handle: async (body) => {
      const { method, arg } = JSON.parse(body) as { method: SweeperMethod; arg: unknown };
      try {
        return await invokeHandler(handlers, calls, method, arg);
      } catch (error: unknown) {
        return JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
      }
    },
  };
}

/** Must run before the page loads the app. With overHttp, calls go to sweeperEndpoint's path instead of the binding. */
export async function wireSweeper(page: Page, handlers: SweeperHandlers, calls: InvokeRecord[] = [], options: { overHttp?: boolean } = {}): Promise<void> {
  if (!options.overHttp)
    await page.exposeBinding(INVOKE_BINDING, (_source, method: SweeperMethod, arg: unknown) => invokeHandler(handlers, calls, method, arg));
  const names: BridgeNames = {
    methods: sweeperMethods,
    events: sweeperEvents,
    invokeBinding: INVOKE_BINDING,
    invokePath: options.overHttp ? INVOKE_PATH : undefined,
    deliverFunction: DELIVER_FUNCTION,
  };
  // Sent as source text; tsx (used by the bench) may wrap named functions in __name(), so the
  // page gets a no-op one.
  await page.addInitScript({ content: `globalThis.__name = (f) => f; (${installSweeperBridge.toString()})(${JSON.stringify(names)});` });
}
