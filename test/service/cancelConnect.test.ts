// Cancel for an EWS connect or Test connection waiting on a slow or silent server, through the
// service (connectionHandlers.cancelSignIn → the attempt's AbortSignal → the EWS requests): against
// a TCP server that accepts and never answers, and against the simulator with a long per-request
// latency. The connect ends as 'cancelled' well under a second after Cancel, its socket is closed,
// nothing is saved and no session is left; the next connect works; a late cancel changes nothing.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import type { ConnectRequest } from '../../shared/ipc';
import { createRig, type ServiceRig } from './helpers';

/** Accepts connections and reads what is sent, but never answers; knows which sockets are still open. */
interface SilentServer {
  url: string;
  open: Set<Socket>;
  /** Bytes received on any connection so far. */
  received(): number;
  close(): Promise<void>;
}

async function silentServer(): Promise<SilentServer> {
  const open = new Set<Socket>();
  let received = 0;
  const server: Server = createServer((socket) => {
    open.add(socket);
    socket.on('data', (chunk) => (received += chunk.length));
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
    open,
    received: () => received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function until(test: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let silent: SilentServer;
let sim: RunningSimulator;
let rig: ServiceRig;

beforeAll(async () => {
  silent = await silentServer();
  sim = await startSimulator({ seed: 'demo', bulkItems: 0, demoScale: 0.05, throttling: false, onInternalError: () => undefined });
  // Far longer than the tests: only Cancel can end a waiting attempt in time.
  rig = await createRig({ connectTimeoutMs: 120_000, connectionTest: { stepTimeoutMs: 120_000 } });
});

afterEach(() => {
  sim.setFaults({ requestLatencyMs: 0 });
});

afterAll(async () => {
  await rig.close();
  await sim.close();
  await silent.close();
});

const wrongHost = (): ConnectRequest => ({ url: silent.url, authKind: 'basic', user: 'admin@contoso.com', secret: 'Passw0rd!', saveAs: 'Wrong host' });
const demo = (): ConnectRequest => ({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD });

describe('Cancel for an EWS connect', () => {
  it('ends a connect waiting on a silent server as cancelled within a second, closes its socket, saves nothing, leaves no session', async () => {
    const before = silent.received();
    const pending = rig.service.connect(wrongHost());
    // The sign-in's request is on the wire: the attempt now waits for an answer that never comes.
    await until(() => silent.received() > before, 'the request to reach the silent server');
    expect(silent.open.size).toBeGreaterThan(0);

    const cancelledAt = Date.now();
    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: true });
    expect(await pending).toEqual({ ok: false, error: { kind: 'cancelled', message: 'The connection attempt was cancelled.' } });
    expect(Date.now() - cancelledAt).toBeLessThan(1_000);
    // The transport's connection is closed: the server sees its socket end.
    await until(() => silent.open.size === 0, 'the socket to close', 1_000);
    expect((await rig.service.listProfiles()).profiles).toEqual([]);
    await expect(rig.service.listFolders({ part: 'primary' })).rejects.toThrow();

    // A normal connect right after works.
    expect(await rig.service.connect(demo())).toMatchObject({ ok: true, session: { mailbox: DEMO_ADMIN } });
    expect(await rig.service.listFolders({ part: 'primary' })).not.toEqual([]);
  });

  it('a cancel after the connect finished changes nothing: the session stays open', async () => {
    expect(await rig.service.connect(demo())).toMatchObject({ ok: true });
    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: false });
    expect(await rig.service.listFolders({ part: 'primary' })).not.toEqual([]);
  });

  it('ends a connect to a slow server (the simulator with a long latency) as cancelled; the current session stays', async () => {
    expect(await rig.service.connect(demo())).toMatchObject({ ok: true });
    sim.setFaults({ requestLatencyMs: 60_000 });
    const pending = rig.service.connect({ ...demo(), saveAs: 'Slow' });
    // Well into the root GetFolder's wait.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cancelledAt = Date.now();
    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: true });
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(Date.now() - cancelledAt).toBeLessThan(1_000);
    expect((await rig.service.listProfiles()).profiles).toEqual([]);
    sim.setFaults({ requestLatencyMs: 0 });
    // The cancelled attempt replaced nothing: the earlier connection is still the current one.
    expect(await rig.service.listFolders({ part: 'primary' })).not.toEqual([]);
  });

  it('also cancels a connect still queued behind the waiting one: it sends nothing', async () => {
    const before = silent.received();
    const first = rig.service.connect(wrongHost());
    await until(() => silent.received() > before, 'the first request');
    const sent = silent.received();
    const queued = rig.service.connect(wrongHost());
    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: true });
    expect(await first).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(await queued).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(silent.received()).toBe(sent);
    await until(() => silent.open.size === 0, 'the socket to close', 1_000);
  });

  it('cancels Test connection the same way: the waiting step fails as cancelled, the rest are skipped, the socket closes', async () => {
    const before = silent.received();
    const pending = rig.service.testConnection(wrongHost());
    await until(() => silent.received() > before, 'the scheme probe to reach the silent server');
    const cancelledAt = Date.now();
    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: true });
    const tested = await pending;
    expect(Date.now() - cancelledAt).toBeLessThan(1_000);
    expect(tested.ok).toBe(false);
    expect(tested.steps.find((step) => step.name === 'Sign-in schemes offered')).toMatchObject({ outcome: 'failed', detail: 'The test was cancelled.' });
    const rest = tested.steps.slice(tested.steps.findIndex((step) => step.name === 'Sign-in schemes offered') + 1);
    expect(rest.map((step) => step.outcome)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(rest[0]?.detail).toBe('Not tried: the test was cancelled.');
    await until(() => silent.open.size === 0, 'the socket to close', 1_000);
    // A cancel after it ended changes nothing.
    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: false });
  });

  it('cancels Test connection while it signs in to a slow server', async () => {
    sim.setFaults({ requestLatencyMs: 60_000 });
    const pending = rig.service.testConnection(demo());
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cancelledAt = Date.now();
    expect(await rig.service.cancelSignIn()).toEqual({ cancelled: true });
    const tested = await pending;
    expect(Date.now() - cancelledAt).toBeLessThan(1_000);
    const failed = tested.steps.filter((step) => step.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.detail).toBe('The test was cancelled.');
  });
});
