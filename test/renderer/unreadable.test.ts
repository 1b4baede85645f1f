// Damaged saved entries are said, not silently missing: the job history and the profile list show
// "1 job could not be read: <file>: <problem>" (several: a count and a list), from the answers of
// listJobs and listProfiles kept in the stores.
import { afterEach, describe, expect, it } from 'vitest';
import type { JobHistoryList, ProfileList, UnreadableEntry } from '../../shared/ipc';
import { unreadableHeading, unreadableText } from '../../renderer/src/lib/unreadable';

const journal: UnreadableEntry = {
  name: '/data/jobs/job-1.journal.jsonl',
  problem: 'the header cannot be read, and /data/jobs/job-1.summary.json is missing.',
};
const profile: UnreadableEntry = { name: '"Broken" (profiles.json)', problem: 'authKind: Invalid option' };

const globals = globalThis as unknown as { window?: { sweeper: unknown } };
afterEach(() => {
  delete globals.window;
});

describe('unreadable entries', () => {
  it('say one entry in one sentence, with its file and problem', () => {
    expect(unreadableText([journal], 'job')).toEqual({
      heading: '1 job could not be read: /data/jobs/job-1.journal.jsonl: the header cannot be read, and /data/jobs/job-1.summary.json is missing.',
      lines: [],
    });
    expect(unreadableText([profile], 'saved profile')?.heading).toBe('1 saved profile could not be read: "Broken" (profiles.json): authKind: Invalid option');
  });

  it('count several and list each; say nothing when all were read', () => {
    expect(unreadableText([journal, { ...journal, name: '/data/jobs/job-2.journal.jsonl' }], 'job')).toEqual({
      heading: '2 jobs could not be read:',
      lines: [`${journal.name}: ${journal.problem}`, `/data/jobs/job-2.journal.jsonl: ${journal.problem}`],
    });
    expect(unreadableText([], 'job')).toBeUndefined();
    expect(unreadableHeading(3, 'saved profile')).toBe('3 saved profiles could not be read');
  });

  it('are kept by the stores from the history and profile answers', async () => {
    const jobs: JobHistoryList = { jobs: [], unreadable: [journal] };
    const profiles: ProfileList = { profiles: [], unreadable: [profile] };
    globals.window = { sweeper: { listJobs: async () => jobs, listProfiles: async () => profiles } };
    const { useJobsStore } = await import('../../renderer/src/stores/jobsStore');
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    await useJobsStore.getState().loadHistory();
    expect(useJobsStore.getState().unreadableJobs).toEqual([journal]);
    await useSessionStore.getState().loadProfiles();
    expect(useSessionStore.getState()).toMatchObject({ profiles: [], unreadableProfiles: [profile] });
  });
});
