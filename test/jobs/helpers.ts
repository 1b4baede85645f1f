// Shared set-up for the job engine tests: a temp data folder and an engine over a backend.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobProgress, OutcomeKind } from '../../shared/domain';
import type { JobBackend } from '../../electron/jobs/backend';
import { JobEngine, type JobEngineOptions, type JobHandle } from '../../electron/jobs/engine';
import { auditRows } from '../../electron/jobs/report';
import { journalPath } from '../../electron/jobs/journal';
import type { AuditRow } from '../../shared/domain';

export function tempDir(prefix = 'jobs-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function makeEngine(dir: string, backend: JobBackend, extra: Partial<JobEngineOptions> = {}): JobEngine {
  return new JobEngine({
    dataDir: dir,
    backendFor: () => backend,
    user: 'admin@contoso.com',
    backoff: { defaultBusyMs: 20, baseMs: 5, maxMs: 50, maxAttempts: 4 },
    random: () => 0.5,
    // The fake backend finishes a request it was still running within a few milliseconds.
    serverRequestLimitMs: 100,
    ...extra,
  });
}

/** Collects a job's progress events. */
export function collect(handle: JobHandle): JobProgress[] {
  const events: JobProgress[] = [];
  handle.onProgress((e) => events.push(e));
  return events;
}

/** All final outcomes of a job by item id (as planned), checking there is exactly one per item. */
export async function outcomesOf(dir: string, jobId: string): Promise<Map<string, AuditRow>> {
  const byId = new Map<string, AuditRow>();
  for await (const row of auditRows(journalPath(dir, jobId))) {
    if (byId.has(row.itemId)) throw new Error(`item ${row.itemId} has two final outcomes`);
    byId.set(row.itemId, row);
  }
  return byId;
}

export function countKinds(rows: Iterable<AuditRow>): Record<OutcomeKind, number> {
  const c: Record<OutcomeKind, number> = { done: 0, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0 };
  for (const r of rows) c[r.outcome] += 1;
  return c;
}
