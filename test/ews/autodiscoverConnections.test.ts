// The run's transports (one per POX URL, credentials asked once per URL, all closed at the end)
// and the deadline around a DNS lookup.
import { describe, expect, it } from 'vitest';
import { BasicAuth, EwsError, PoxConnections, type EwsAuth } from '../../electron/ews';
import { withDeadline } from '../../electron/ews/autodiscover/deadline';

describe('PoxConnections', () => {
  it('gives one transport per URL and asks for credentials once per URL', () => {
    const asked: string[] = [];
    const connections = new PoxConnections({ auth: (url): EwsAuth => (asked.push(url), new BasicAuth('u', 'p')) });
    const first = connections.transportFor('https://contoso.com/autodiscover/autodiscover.xml');
    expect(connections.transportFor('https://CONTOSO.com:443/autodiscover/autodiscover.xml#x')).toBe(first);
    const other = connections.transportFor('https://autodiscover.contoso.com/autodiscover/autodiscover.xml');
    expect(other).not.toBe(first);
    expect(connections.size).toBe(2);
    expect(asked).toEqual(['https://contoso.com/autodiscover/autodiscover.xml', 'https://autodiscover.contoso.com/autodiscover/autodiscover.xml']);
    connections.close();
  });

  it('refuses new transports once the run has ended', () => {
    const connections = new PoxConnections({ auth: new BasicAuth('u', 'p') });
    connections.transportFor('https://contoso.com/autodiscover/autodiscover.xml');
    connections.close();
    expect(connections.size).toBe(0);
    expect(() => connections.transportFor('https://contoso.com/autodiscover/autodiscover.xml')).toThrow(/ended/);
  });
});

describe('withDeadline', () => {
  it('passes the answer through in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 1000, undefined, 'The lookup')).resolves.toBe(7);
  });

  it('gives up after the deadline with a timeout that names the step', async () => {
    const never = new Promise<number>(() => undefined);
    const error = await withDeadline(never, 150, undefined, 'The DNS lookup of x').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EwsError);
    expect(error).toMatchObject({ kind: 'timeout', message: 'The DNS lookup of x took longer than 0.2 s.' });
  });

  it('stops at once when cancelled, before or during the wait', async () => {
    const aborted = new AbortController();
    aborted.abort();
    await expect(withDeadline(Promise.resolve(1), 1000, aborted.signal, 'x')).rejects.toMatchObject({ kind: 'aborted' });
    const later = new AbortController();
    const waiting = withDeadline(new Promise<number>(() => undefined), 5000, later.signal, 'x');
    later.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'aborted' });
  });
});
