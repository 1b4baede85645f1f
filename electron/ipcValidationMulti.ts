// Runtime schemas for the many-mailbox IPC arguments (shared/multiIpc.ts). ipcValidation.ts passes in
// its own primitives (ids, addresses, the item filter), so both files bound the same fields the same
// way and neither imports the other. Lists are bounded: a pasted list or CSV of a large tenant
// fits, a runaway page does not.
import { z } from 'zod';
import type { ItemFilter } from '../shared/domain';
import { MULTI_FOLDER_NAMES, type MultiMailboxInvokeContract } from '../shared/multiIpc';

/** Mailboxes one search or job may cover (a large tenant's export; the engine works a few at a time). */
export const MAX_MAILBOXES = 50_000;
/** A pasted list or CSV export of MAX_MAILBOXES rows of a few columns each. */
export const MAX_MAILBOX_TEXT = 5_000_000;
/** Groups and typed names in one choice. */
export const MAX_NAMES = 1000;
const MAX_NAME = 256;

export interface Primitives {
  id: z.ZodType<string>;
  smtp: z.ZodType<string>;
  itemFilter: z.ZodType<ItemFilter>;
  offset: z.ZodType<number>;
  pageSize: z.ZodType<number>;
}

export function multiMailboxSchemas({ id, smtp, itemFilter, offset, pageSize }: Primitives) {
  const name = z
    .string()
    .max(MAX_NAME)
    .refine((v) => v.trim().length > 0, 'must not be empty')
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters');
  const folderName = z
    .string()
    .refine((v) => (MULTI_FOLDER_NAMES as readonly string[]).includes(v), `expected a well-known folder (${MULTI_FOLDER_NAMES.join(', ')})`);
  const multiJobRef = z.strictObject({ multiJobId: id });
  const searchSpec = z.strictObject({
    mailboxes: z.array(smtp).min(1).max(MAX_MAILBOXES),
    parts: z.enum(['primary', 'archive', 'both']),
    folders: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('allMail') }),
      z.strictObject({ kind: z.literal('wellKnown'), names: z.array(folderName).max(MULTI_FOLDER_NAMES.length), subfolders: z.boolean() }),
    ]),
    dumpster: z.boolean(),
    filter: itemFilter,
  });
  const action = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('delete'), mode: z.enum(['MoveToDeletedItems', 'SoftDelete', 'HardDelete']) }),
    z.strictObject({ kind: z.literal('move'), toFolder: folderName }),
    z.strictObject({ kind: z.literal('recover'), fallbackFolder: folderName }),
    z.strictObject({ kind: z.literal('collect'), mailbox: smtp, folder: name }),
  ]);
  const schemas = {
    multiChooseMailboxes: z.strictObject({
      text: z.string().max(MAX_MAILBOX_TEXT).optional(),
      groups: z.array(name).max(MAX_NAMES).optional(),
      names: z.array(name).max(MAX_NAMES).optional(),
    }),
    multiSuggestNames: z.strictObject({ query: name }),
    multiDirectoryAccess: z.undefined(),
    multiAllowDirectory: z.undefined(),
    multiSearch: z.strictObject({
      searchId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a short search id'),
      spec: searchSpec,
    }),
    multiCancelSearch: z.strictObject({ searchId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a short search id') }),
    multiHits: z.strictObject({
      mailbox: smtp,
      part: z.enum(['primary', 'archive']),
      folderId: id,
      filter: itemFilter,
      offset,
      max: pageSize,
    }),
    multiStartJob: z.strictObject({ search: searchSpec, action }),
    multiCancelJob: multiJobRef,
    multiResumeJob: multiJobRef,
    multiListJobs: z.undefined(),
    multiJobSummary: multiJobRef,
    multiJobReport: z.strictObject({
      multiJobId: id,
      mailbox: smtp.optional(),
      outcomes: z
        .array(z.enum(['done', 'alreadyGone', 'failed', 'unknown', 'notAttempted']))
        .max(5)
        .optional(),
      offset,
      max: pageSize,
    }),
    multiRetryFailed: multiJobRef,
    multiExportReport: z.strictObject({ multiJobId: id, format: z.enum(['csv', 'json']) }),
  } satisfies Record<keyof MultiMailboxInvokeContract, z.ZodType>;
  return schemas;
}
