// The retention part of the inspection API (sim.store.retention / setRetention): read and change a
// user's single item recovery, holds and extra dumpster bytes at run time, and see where each of
// its mailboxes stands against the Recoverable Items quota.
import type { Mailbox, User } from './model';
import { dumpsterBytes, recoverableItemsQuota, recoverableItemsState, type QuotaState } from './retention';
import type { Store } from './store';

export interface RecoverableItemsView {
  /** Bytes in the Recoverable Items tree, extra bytes included. */
  bytes: number;
  warningQuota: number;
  quota: number;
  state: QuotaState;
}

export interface RetentionView {
  singleItemRecovery: boolean;
  litigationHold: boolean;
  inPlaceHold: boolean;
  extraDumpsterBytes: { primary: number; archive: number };
  primary: RecoverableItemsView;
  /** Absent for a user without an archive. */
  archive?: RecoverableItemsView;
}

export interface RetentionUpdate {
  singleItemRecovery?: boolean;
  litigationHold?: boolean;
  inPlaceHold?: boolean;
  extraDumpsterBytes?: { primary?: number; archive?: number };
}

export interface RetentionApi {
  retention(user: string): RetentionView;
  /** Merges the update into the user's settings; returns the result. */
  setRetention(user: string, update: RetentionUpdate): RetentionView;
}

export function createRetentionApi(store: Store, userOf: (smtp: string) => User): RetentionApi {
  const quotaView = (mailbox: Mailbox): RecoverableItemsView => {
    const quota = recoverableItemsQuota(mailbox.owner);
    return { bytes: dumpsterBytes(store, mailbox), warningQuota: quota.warning, quota: quota.limit, state: recoverableItemsState(store, mailbox) };
  };
  const view = (user: User): RetentionView => ({
    singleItemRecovery: user.retention.singleItemRecovery,
    litigationHold: user.retention.litigationHold,
    inPlaceHold: user.retention.inPlaceHold,
    extraDumpsterBytes: { ...user.retention.extraDumpsterBytes },
    primary: quotaView(user.primary),
    ...(user.archive ? { archive: quotaView(user.archive) } : {}),
  });
  return {
    retention: (smtp) => view(userOf(smtp)),
    setRetention: (smtp, update) => {
      const user = userOf(smtp);
      const now = user.retention;
      user.retention = {
        singleItemRecovery: update.singleItemRecovery ?? now.singleItemRecovery,
        litigationHold: update.litigationHold ?? now.litigationHold,
        inPlaceHold: update.inPlaceHold ?? now.inPlaceHold,
        extraDumpsterBytes: {
          primary: update.extraDumpsterBytes?.primary ?? now.extraDumpsterBytes.primary,
          archive: update.extraDumpsterBytes?.archive ?? now.extraDumpsterBytes.archive,
        },
      };
      return view(user);
    },
  };
}
