// Issue 14: `npm run sim` keeps the published demo password unless --random-password says
// otherwise; --local-only and --max-request-bytes give it the app's demo-server limits.
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../electron/sim/cliArgs';
import { DEMO_GROUPS, DEMO_PASSWORD, DEMO_USERS, startSimulator } from '../../electron/sim/index';

describe('sim CLI hardening flags', () => {
  it('keeps the published password and no Host check by default', () => {
    const options = parseCliArgs([]);
    if (options === 'help') throw new Error('help');
    expect(options.users).toBeUndefined();
    expect(options.localHostOnly).toBeUndefined();
  });

  it('--random-password gives every demo user one fresh password, and keeps the demo groups', async () => {
    const a = parseCliArgs(['--random-password']);
    const b = parseCliArgs(['--random-password']);
    if (a === 'help' || b === 'help') throw new Error('help');
    const passwords = new Set(a.users?.map((user) => user.password));
    expect(passwords.size).toBe(1);
    const [password] = [...passwords];
    expect(password).not.toBe(DEMO_PASSWORD);
    expect(password).not.toBe(b.users?.[0]?.password);
    expect(a.users?.map((user) => user.smtp)).toEqual(DEMO_USERS.map((user) => user.smtp));
    expect(a.groups).toBe(DEMO_GROUPS);
    const sim = await startSimulator({ ...a, seed: 'empty', throttling: false });
    try {
      expect(sim.users[0]?.password).toBe(password);
    } finally {
      await sim.close();
    }
  });

  it('--local-only and --max-request-bytes', () => {
    expect(parseCliArgs(['--local-only', '--max-request-bytes', '4194304'])).toMatchObject({ localHostOnly: true, maxRequestBytes: 4194304 });
    expect(() => parseCliArgs(['--max-request-bytes'])).toThrow('needs a number');
  });
});
