// The "Many mailboxes" screen's pure logic: the mailbox list as chosen so far, the search spec it
// stands for, the preview rows as they arrive, and what the action step asks before it runs.
import type {
  FolderScope,
  MailboxListProblem,
  MailboxParts,
  MailboxPreview,
  MailboxSelection,
  MultiJobAction,
  MultiMailboxSearchSpec,
  ItemFilter,
} from '../../../shared/domain';
import type { MultiFolderName } from '../../../shared/multiIpc';

export interface MultiSetup {
  mailboxes: string[];
  /** Entries not used, with the reason (never dropped silently). */
  problems: MailboxListProblem[];
  parts: MailboxParts;
  folders: 'allMail' | 'named';
  names: MultiFolderName[];
  subfolders: boolean;
  /** Recoverable Items' Deletions too. */
  dumpster: boolean;
}

export const emptySetup: MultiSetup = {
  mailboxes: [],
  problems: [],
  parts: 'primary',
  folders: 'allMail',
  names: ['inbox'],
  subfolders: true,
  dumpster: false,
};

export const folderLabels: Record<MultiFolderName, string> = {
  inbox: 'Inbox',
  junkemail: 'Junk Email',
  deleteditems: 'Deleted Items',
  sentitems: 'Sent Items',
  drafts: 'Drafts',
  outbox: 'Outbox',
};

/** Adds a selection's mailboxes (no duplicates, compared without case) and its problems to the list. */
export function mergeSelection(setup: MultiSetup, selection: MailboxSelection): MultiSetup {
  const seen = new Set(setup.mailboxes.map((m) => m.toLowerCase()));
  const mailboxes = [...setup.mailboxes];
  for (const m of selection.mailboxes) {
    if (seen.has(m.toLowerCase())) continue;
    seen.add(m.toLowerCase());
    mailboxes.push(m);
  }
  const known = new Set(setup.problems.map((p) => `${p.entry}\n${p.reason}`));
  const problems = [...setup.problems, ...selection.problems.filter((p) => !known.has(`${p.entry}\n${p.reason}`))];
  return { ...setup, mailboxes, problems };
}

export function folderScope(setup: MultiSetup): FolderScope {
  return setup.folders === 'allMail' ? { kind: 'allMail' } : { kind: 'wellKnown', names: [...setup.names], subfolders: setup.subfolders };
}

/** Why the setup cannot be searched yet, or undefined when it can. */
export function setupProblem(setup: MultiSetup): string | undefined {
  if (setup.mailboxes.length === 0) return 'Add at least one mailbox.';
  if (setup.folders === 'named' && setup.names.length === 0 && !setup.dumpster) return 'Choose at least one folder, or Recoverable Items.';
  return undefined;
}

export function searchSpec(setup: MultiSetup, filter: ItemFilter): MultiMailboxSearchSpec {
  return { mailboxes: [...setup.mailboxes], parts: setup.parts, folders: folderScope(setup), dumpster: setup.dumpster, filter };
}

/** The preview rows in the list's order, with one mailbox's row put in (or replaced). */
export function withPreview(rows: readonly MailboxPreview[], order: readonly string[], preview: MailboxPreview): MailboxPreview[] {
  const byMailbox = new Map(rows.map((r) => [r.mailbox.toLowerCase(), r]));
  byMailbox.set(preview.mailbox.toLowerCase(), preview);
  return order.map((m) => byMailbox.get(m.toLowerCase())).filter((r): r is MailboxPreview => r !== undefined);
}

export interface PreviewTotals {
  hits: number;
  totalSize: number;
  /** Mailboxes with at least one hit. */
  withHits: number;
  /** Mailboxes not searched (unreachable) or not fully (failed). */
  notSearched: number;
}

export function previewTotals(rows: readonly MailboxPreview[]): PreviewTotals {
  const totals: PreviewTotals = { hits: 0, totalSize: 0, withHits: 0, notSearched: 0 };
  for (const r of rows) {
    totals.hits += r.hits;
    totals.totalSize += r.totalSize;
    if (r.hits > 0) totals.withHits++;
    if (r.state !== 'searched') totals.notSearched++;
  }
  return totals;
}

/** The same rule as one mailbox's purge, made stricter: a hard delete over many mailboxes always asks for the count typed. */
export function needsTypedCount(action: MultiJobAction): boolean {
  return action.kind === 'delete' && action.mode === 'HardDelete';
}

/** The typed confirmation matches the count (separators and spaces ignored). */
export function typedCountMatches(typed: string, count: number): boolean {
  return typed.replace(/[\s,.']/g, '') === String(count);
}

export function actionLabel(action: MultiJobAction): string {
  switch (action.kind) {
    case 'delete':
      return action.mode === 'HardDelete' ? 'Hard delete' : action.mode === 'SoftDelete' ? 'Soft delete' : 'Delete';
    case 'move':
      return `Move to ${folderLabels[action.toFolder as MultiFolderName] ?? action.toFolder}`;
    case 'recover':
      return 'Recover';
    case 'collect':
      return `Copy to ${action.mailbox} / ${action.folder}`;
  }
}

/** Addresses as the IPC check takes them: something@domain, nothing else. */
const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** The collection folder's name: one folder name, not a path. */
const FOLDER_NAME_LIMIT = 255;

/**
 * Why the action cannot start yet, or undefined when it can: a collect job needs the collection
 * mailbox's address and a folder name (made at the top of that mailbox if missing).
 */
export function actionProblem(action: MultiJobAction): string | undefined {
  if (action.kind !== 'collect') return undefined;
  const mailbox = action.mailbox.trim();
  if (mailbox === '') return 'Enter the mailbox that receives the copies.';
  if (!ADDRESS.test(mailbox)) return `"${mailbox}" is not a mailbox address.`;
  const folder = action.folder.trim();
  if (folder === '') return 'Enter the name of the folder that receives the copies.';
  if (folder.length > FOLDER_NAME_LIMIT || /[\\/]/.test(folder) || /[\u0000-\u001f\u007f]/.test(folder))
    return 'The folder is one folder name (no slashes), made at the top of that mailbox if it is not there.';
  return undefined;
}

/** The collect action as sent: address and folder name trimmed. */
export function cleanAction(action: MultiJobAction): MultiJobAction {
  return action.kind === 'collect' ? { kind: 'collect', mailbox: action.mailbox.trim(), folder: action.folder.trim() } : action;
}

/** The collection mailbox is never searched (its collection folder would match): its own hits stay where they are. */
export function collectLeavesOut(action: MultiJobAction, withHits: readonly string[]): string | undefined {
  if (action.kind !== 'collect') return undefined;
  const target = action.mailbox.trim().toLowerCase();
  return withHits.find((m) => m.toLowerCase() === target);
}

/** A search id the renderer picks, so its progress events can be told from an earlier search's. */
export function newSearchId(): string {
  return `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
