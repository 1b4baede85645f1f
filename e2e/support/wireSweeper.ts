// Connects a Playwright page to a SweeperHandlers implementation the way the preload connects
// the renderer to ipcMain: window.sweeper built from the contract's lists in an init script,
// each method calling one exposed binding, events delivered by calling into the page.
import type { Page } from '@playwright/test';
import { sweeperEvents, sweeperMethods, type SweeperEmit, type SweeperHandlers, type SweeperMethod } from '../../shared/ipc';
import { installSweeperBridge, type BridgeNames } from './installSweeperBridge';

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
      ?.evaluate(([fn, name, body]) => (window as unknown as Record<string, (e: string, p: unknown) => void>)[fn]?.(name, body), [DELIVER_FUNCTION, event, payload] as const)
      .catch(() => undefined);
  };
}

/** Must run before the page loads the app. */
export async function wireSweeper(page: Page, handlers: SweeperHandlers, calls: InvokeRecord[] = []): Promise<void> {
  await page.exposeBinding(INVOKE_BINDING, async (_source, method: SweeperMethod, arg: unknown) => {
    if (!sweeperMethods.includes(method)) throw new Error(`unknown method ${String(method)}`);
    calls.push({ method, arg });
    const handler = handlers[method] as (a: unknown) => Promise<unknown>;
    // Answers cross as JSON text, parsed in the page: Playwright's own value serialization costs
    // ~140 ms for a 1000-row item page (JSON: ~15 ms), far from what Electron's structured clone
    // costs, and would make the harness, not the app, the bottleneck.
    return JSON.stringify({ value: await handler(arg) });
  });
  const names: BridgeNames = { methods: sweeperMethods, events: sweeperEvents, invokeBinding: INVOKE_BINDING, deliverFunction: DELIVER_FUNCTION };
  // Sent as source text; tsx (used by the bench) may wrap named functions in __name(), so the
  // page gets a no-op one.
  await page.addInitScript({ content: `globalThis.__name = (f) => f; (${installSweeperBridge.toString()})(${JSON.stringify(names)});` });
}
