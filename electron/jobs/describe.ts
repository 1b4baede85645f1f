// Human-readable names of jobs, for the history list and the audit report, and the spec as the
// history keeps it.
import type { JobSpec } from '../../shared/domain';

// The titles are built in shared/jobTitle.ts, one builder for the service and the renderer.
export { describeAction, describeMailbox, describeTarget, jobTitle, type FolderNamer } from '../../shared/jobTitle';

const HISTORY_IDS = 100;

/** The spec as kept in the history list: an id list is cut to its first 100 (the journal keeps all). */
export function abbreviatedSpec(spec: JobSpec): JobSpec {
  if (spec.target.kind !== 'ids' || spec.target.ids.length <= HISTORY_IDS) return spec;
  return { ...spec, target: { ...spec.target, ids: spec.target.ids.slice(0, HISTORY_IDS) } };
}
