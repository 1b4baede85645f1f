// The connect attempts Cancel reaches: every attempt not yet committed is aborted; a committed or
// finished one is passed by (a late cancel says false); an attempt cancelled before it commits
// cannot commit.
import { describe, expect, it } from 'vitest';
import { ConnectAttempts, type ConnectAttempt } from '../../electron/service/connectAttempts';

/** Starts an attempt that waits until `release` is called; hands back its ConnectAttempt. */
function waiting(attempts: ConnectAttempts): { attempt: Promise<ConnectAttempt>; release: () => void; done: Promise<string> } {
  let release = (): void => undefined;
  let give = (_attempt: ConnectAttempt): void => undefined;
  const attempt = new Promise<ConnectAttempt>((resolve) => (give = resolve));
  const done = attempts.run(async (a) => {
    give(a);
    await new Promise<void>((resolve) => (release = resolve));
    return 'settled';
  });
  return { attempt, release: () => release(), done };
}

describe('ConnectAttempts', () => {
  it('says false when nothing is under way', () => {
    expect(new ConnectAttempts().cancel()).toBe(false);
  });

  it('aborts every attempt under way, once; a cancelled attempt cannot commit', async () => {
    const attempts = new ConnectAttempts();
    const one = waiting(attempts);
    const two = waiting(attempts);
    const [a, b] = await Promise.all([one.attempt, two.attempt]);
    expect(attempts.cancel()).toBe(true);
    expect(a.signal.aborted).toBe(true);
    expect(b.signal.aborted).toBe(true);
    expect(a.commit()).toBe(false);
    expect(attempts.cancel()).toBe(false);
    one.release();
    two.release();
    expect(await one.done).toBe('settled');
    expect(await two.done).toBe('settled');
  });

  it('passes by a committed attempt: the cancel says false and its signal stays unaborted', async () => {
    const attempts = new ConnectAttempts();
    const one = waiting(attempts);
    const a = await one.attempt;
    expect(a.commit()).toBe(true);
    expect(attempts.cancel()).toBe(false);
    expect(a.signal.aborted).toBe(false);
    one.release();
    await one.done;
  });

  it('forgets an attempt once it settled, also when it threw', async () => {
    const attempts = new ConnectAttempts();
    await attempts.run(async () => 'done');
    await expect(
      attempts.run(async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(attempts.cancel()).toBe(false);
  });
});
