// Saved entries the service cannot read reach the admin through the ordinary list calls: a job
// whose journal and summary are both damaged is named in listJobs' `unreadable` with its file and
// problem (the other jobs still listed); a damaged profiles.json entry in listProfiles' (by name,
// else by its place in the file; the field at fault, never a value).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeUnreadable } from '../../electron/service/profileEntries';
import { PROFILES_FILE } from '../../electron/service/profileStore';
import { createRig, type ServiceRig } from './helpers';

let rig: ServiceRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('unreadable saved entries', () => {
  it('listJobs names a job whose journal and summary cannot be read, and lists the rest', async () => {
    rig = await createRig();
    const jobs = join(rig.dataDir, 'jobs');
    await mkdir(jobs, { recursive: true });
    const journal = join(jobs, 'job-20260101T000000000Z-deadbeef.journal.jsonl');
    await writeFile(journal, 'not a journal\n');
    const answer = await rig.service.listJobs();
    expect(answer.jobs).toEqual([]);
    expect(answer.unreadable).toEqual([{ name: journal, problem: expect.stringContaining('the header cannot be read') as unknown }]);
    expect(answer.unreadable[0]?.problem).toContain('job-20260101T000000000Z-deadbeef.summary.json is missing');
  });

  it('listProfiles offers the good profiles and names the damaged entries without their values', async () => {
    rig = await createRig();
    await writeFile(
      join(rig.dataDir, PROFILES_FILE),
      JSON.stringify({
        version: 1,
        profiles: [
          { id: 'a', name: 'Good', url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'basic', user: 'admin@contoso.com' },
          { id: 'b', name: 'Broken', url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'carrier-pigeon', user: 'secret-user' },
          42,
        ],
      }),
    );
    const answer = await rig.service.listProfiles();
    expect(answer.profiles.map((p) => p.name)).toEqual(['Good']);
    expect(answer.unreadable).toEqual([
      { name: `"Broken" (${PROFILES_FILE})`, problem: expect.stringMatching(/^authKind: /) as unknown },
      { name: `entry 3 of ${PROFILES_FILE}`, problem: expect.any(String) as unknown },
    ]);
    expect(JSON.stringify(answer.unreadable)).not.toContain('secret-user');
    expect(JSON.stringify(answer.unreadable)).not.toContain('carrier-pigeon');
  });

  it('describeUnreadable says how many more findings there are, and copes with none', () => {
    const issues = [
      { path: ['url'], message: 'Invalid input' },
      { path: ['authKind'], message: 'Invalid option' },
    ];
    expect(describeUnreadable({ name: '  ' }, 0, 'profiles.json', issues)).toEqual({
      name: 'entry 1 of profiles.json',
      problem: 'url: Invalid input (and 1 more)',
    });
    expect(describeUnreadable(null, 4, 'profiles.json', [])).toEqual({ name: 'entry 5 of profiles.json', problem: 'not a profile' });
  });
});
