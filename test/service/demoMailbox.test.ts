// Issue 14: the demo mailbox runs the simulator in a worker thread with a password made for this
// run, answers only Host 127.0.0.1/localhost, refuses large bodies unread, and stops as soon as no
// demo connection uses it.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import { DemoMailbox } from '../../electron/service/demoMailbox';
import { createRig, type ServiceRig } from './helpers';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

const GET_INBOX =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/></soap:Header><soap:Body><m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder></soap:Body></soap:Envelope>';

/** Status of one POST to the endpoint, or the network error code when nothing answers. */
function status(url: string, options: { password: string; host?: string; declaredLength?: number }): Promise<number | string> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent: false,
        headers: {
          host: options.host ?? target.host,
          'content-type': 'text/xml; charset=utf-8',
          authorization: `Basic ${Buffer.from(`${DEMO_ADMIN}:${options.password}`).toString('base64')}`,
          'content-length': options.declaredLength ?? Buffer.byteLength(GET_INBOX),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    if (options.declaredLength === undefined) req.end(GET_INBOX);
    else req.write(GET_INBOX);
  });
}

const SMALL_DEMO = { seed: 'demo', bulkItems: 100, demoScale: 0.05, throttling: false } as const;

describe('DemoMailbox', () => {
  it('makes a password per run; the published demo password is refused', async () => {
    const first = new DemoMailbox(SMALL_DEMO);
    const second = new DemoMailbox(SMALL_DEMO);
    cleanup.push(
      () => first.close(),
      () => second.close(),
    );
    const [a, b] = await Promise.all([first.endpoint(), second.endpoint()]);
    expect(a.user).toBe(DEMO_ADMIN);
    expect(a.password).not.toBe(DEMO_PASSWORD);
    expect(a.password).not.toBe(b.password);
    expect(a.password.length).toBeGreaterThanOrEqual(20);
    expect(await status(a.url, { password: a.password })).toBe(200);
    expect(await status(a.url, { password: DEMO_PASSWORD })).toBe(401);
    expect(await status(a.url, { password: b.password })).toBe(401);
  });

  it('answers only Host 127.0.0.1/localhost and refuses a 30 MiB body from its declared length', async () => {
    const demo = new DemoMailbox(SMALL_DEMO);
    cleanup.push(() => demo.close());
    const { url, password } = await demo.endpoint();
    const port = new URL(url).port;
    expect(await status(url, { password, host: `attacker.example:${port}` })).toBe(400);
    expect(await status(url, { password, host: `localhost:${port}` })).toBe(200);
    expect(await status(url, { password, declaredLength: 30 * 1024 * 1024 })).toBe(404);
  });

  it('seeds and serves off the main thread: timers keep firing while 200,000 items are built', async () => {
    const demo = new DemoMailbox({ seed: 'demo', bulkItems: 200_000, demoScale: 0.05, throttling: false });
    cleanup.push(() => demo.close());
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      await demo.endpoint();
    } finally {
      clearInterval(timer);
    }
    // In-process, the synchronous seeding held the loop for its whole length: at most a tick or two.
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it('stops on close, and starts afresh (new password) on the next use', async () => {
    const demo = new DemoMailbox(SMALL_DEMO);
    cleanup.push(() => demo.close());
    const first = await demo.endpoint();
    await demo.close();
    expect(demo.running).toBe(false);
    expect(await status(first.url, { password: first.password })).toBe('ECONNREFUSED');
    const second = await demo.endpoint();
    expect(second.password).not.toBe(first.password);
    expect(await status(second.url, { password: second.password })).toBe(200);
  });
});

describe('the service stops the demo when it is no longer used', () => {
  let sim: RunningSimulator | undefined;
  async function rig(): Promise<ServiceRig> {
    const created = await createRig({ demo: SMALL_DEMO });
    cleanup.push(() => created.close());
    return created;
  }
  async function openDemo(service: ServiceRig['service']): Promise<string> {
    const opened = await service.openDemo();
    if (!opened.ok) throw new Error(opened.error.message);
    return opened.session.url;
  }
  const until = async (test: () => Promise<boolean>): Promise<void> => {
    for (let i = 0; i < 100 && !(await test()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  it('on disconnect', async () => {
    const { service } = await rig();
    const url = await openDemo(service);
    await service.disconnect();
    await until(async () => (await status(url, { password: 'x' })) === 'ECONNREFUSED');
    expect(await status(url, { password: 'x' })).toBe('ECONNREFUSED');
  });

  it('when the admin connects elsewhere, and not when the demo is opened again', async () => {
    sim = await startSimulator({ seed: 'demo', bulkItems: 0, demoScale: 0.05, throttling: false, onInternalError: () => undefined });
    const real = sim;
    cleanup.push(() => real.close());
    const { service } = await rig();
    const url = await openDemo(service);
    expect(await openDemo(service)).toBe(url);
    expect(await status(url, { password: 'x' })).toBe(401);
    const connected = await service.connect({ url: real.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD });
    expect(connected.ok).toBe(true);
    await until(async () => (await status(url, { password: 'x' })) === 'ECONNREFUSED');
    expect(await status(url, { password: 'x' })).toBe('ECONNREFUSED');
  });
});
