// Per-user retention settings (single item recovery, holds, extra dumpster bytes) with their
// defaults. Kept apart from retention.ts so store.ts can use it without an import cycle.
import type { RetentionSettings } from './model';

/** Exchange Server defaults: single item recovery off, no hold (EWS-FACTS §7). */
export function retentionSettings(given: Partial<RetentionSettings> = {}): RetentionSettings {
  return {
    singleItemRecovery: given.singleItemRecovery ?? false,
    litigationHold: given.litigationHold ?? false,
    inPlaceHold: given.inPlaceHold ?? false,
    extraDumpsterBytes: { primary: given.extraDumpsterBytes?.primary ?? 0, archive: given.extraDumpsterBytes?.archive ?? 0 },
  };
}
