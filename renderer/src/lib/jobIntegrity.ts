// How Job history names a journal that is not fully verified (shared/domain.ts JournalTrust).
import type { JournalTrust } from '../../../shared/domain';

/** The short badge: "damaged" or "legacy, unverified". */
export function integrityLabel(trust: JournalTrust): string {
  return trust.status === 'damaged' ? 'damaged' : 'legacy, unverified';
}

/** The sentence under the job: what was found and what can still be trusted. */
export function integrityNote(trust: JournalTrust): string {
  return trust.status === 'damaged' ? `Journal damaged: ${trust.detail}` : `Journal from an earlier version: ${trust.detail}`;
}
