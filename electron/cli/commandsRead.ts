// connect, folders, jobs and report: signing in and looking, never changing anything.
import { backendConnector, type MailboxBackend } from '../backends/port';
import { createMultiMailboxService, MULTI_REPORT_COLUMNS } from '../service/multiMailbox';
import type { FolderInfo } from '../../shared/domain';
import { UsageError } from './args';
import { mailboxRow, connectedService } from './commandsRun';
import { EXIT, exitFor, type CommandContext, type ExitCode } from './context';
import { connectionFrom } from './credentials';
import { connectOverGraph, openOverGraph } from './graphCommands';
import { backendFrom } from './graphConnection';
import { mergeReports } from './reportMerge';

export async function connectCommand(ctx: CommandContext): Promise<ExitCode> {
  if (backendFrom(ctx.args, ctx.environment.env) === 'graph') return connectOverGraph(ctx);
  const connection = await connectionFrom(ctx.args, ctx.environment);
  const opened = await backendConnector('ews').open(connection);
  if (!opened.ok) {
    ctx.out.event('connect', { ok: false, kind: opened.error.kind, message: opened.error.message });
    ctx.out.note(`Sign-in failed (${opened.error.kind}): ${opened.error.message}`);
    return EXIT.failed;
  }
  const info = opened.session.info;
  opened.session.close();
  ctx.out.rows(
    'connect',
    ['url', 'mailbox', 'serverVersion', 'signedInWith', 'hasArchive'],
    [
      {
        ok: true,
        url: info.url,
        mailbox: info.mailbox,
        serverVersion: info.serverVersion,
        signedInWith: info.signedInWith,
        hasArchive: info.hasArchive ? 'yes' : 'no',
      },
    ],
  );
  const others = ctx.args.lists.get('mailbox') ?? [];
  if (others.length === 0) return EXIT.done;
  // Each mailbox opened as a job would open it: impersonation, else delegate access, else the reason.
  const service = await connectedService(ctx);
  try {
    const rows: Record<string, unknown>[] = [];
    for (const mailbox of others) {
      const tested = await service.testMailbox(mailbox);
      rows.push(
        tested.ok ? { mailbox, ok: true, access: tested.access, archive: tested.hasArchive ? 'yes' : 'no' } : { mailbox, ok: false, reason: tested.reason },
      );
    }
    ctx.out.rows('mailbox', ['mailbox', 'ok', 'access', 'archive', 'reason'], rows);
    return rows.every((r) => r.ok === true) ? EXIT.done : EXIT.partlyFailed;
  } finally {
    service.close();
  }
}

function pathsOf(folders: readonly FolderInfo[]): Map<string, string> {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const paths = new Map<string, string>();
  const pathOf = (f: FolderInfo, depth = 0): string => {
    const known = paths.get(f.id);
    if (known !== undefined) return known;
    const parent = f.parentId === undefined ? undefined : byId.get(f.parentId);
    const path = parent === undefined || depth > 64 ? f.displayName : `${pathOf(parent, depth + 1)}/${f.displayName}`;
    paths.set(f.id, path);
    return path;
  };
  for (const f of folders) pathOf(f);
  return paths;
}

export async function foldersCommand(ctx: CommandContext): Promise<ExitCode> {
  const [mailbox, ...more] = ctx.args.lists.get('mailbox') ?? [];
  if (more.length > 0) throw new UsageError('folders lists one mailbox at a time.');
  const part = ctx.args.strings.get('part') ?? 'primary';
  if (part !== 'primary' && part !== 'archive') throw new UsageError(`--part ${part}: primary or archive.`);
  const session = await openForFolders(ctx, mailbox, part);
  if (typeof session === 'string') {
    ctx.out.note(`Could not open ${mailbox ?? 'the mailbox'}: ${session}`);
    return EXIT.failed;
  }
  try {
    const folders = await session.listFolders(part);
    const paths = pathsOf(folders);
    const rows = folders.map((f) => ({
      path: paths.get(f.id) ?? f.displayName,
      // A folder this connection cannot open has no count to show (Graph's Versions, Purges, DiscoveryHolds).
      items: f.unavailableReason === undefined ? f.totalCount : undefined,
      area: f.area,
      wellKnown: f.distinguishedId,
      note: f.unavailableReason === undefined ? undefined : f.unavailableReason.startsWith('EWS only') ? 'EWS only' : 'cannot open',
      unavailableReason: f.unavailableReason,
      folderClass: f.folderClass,
      id: f.id,
    }));
    rows.sort((a, b) => (a.area === b.area ? a.path.localeCompare(b.path) : a.area === 'ipm' ? -1 : 1));
    ctx.out.rows(
      'folder',
      ctx.out.format === 'table'
        ? ['path', 'items', 'area', 'wellKnown', 'note']
        : ['path', 'items', 'area', 'wellKnown', 'note', 'unavailableReason', 'folderClass', 'id'],
      rows,
    );
    return EXIT.done;
  } finally {
    session.close();
  }
}

/** The mailbox opened over the chosen backend, or why it did not open. */
async function openForFolders(ctx: CommandContext, mailbox: string | undefined, part: 'primary' | 'archive'): Promise<MailboxBackend | string> {
  if (backendFrom(ctx.args, ctx.environment.env) === 'graph') return openOverGraph(ctx, mailbox, part);
  const connection = await connectionFrom(ctx.args, ctx.environment);
  const opened = await backendConnector('ews').open({ ...connection, ...(mailbox === undefined ? {} : { impersonate: mailbox }) });
  return opened.ok ? opened.session : opened.error.message;
}

export async function jobsCommand(ctx: CommandContext): Promise<ExitCode> {
  const service = createMultiMailboxService({ dataDir: ctx.dataDir });
  const jobs = await service.list();
  ctx.out.rows(
    'job',
    ['multiJobId', 'state', 'createdAt', 'mailboxes', 'done', 'failed', 'unknown', 'total', 'title'],
    jobs.map((j) => ({
      multiJobId: j.multiJobId,
      state: j.state,
      createdAt: j.createdAt,
      mailboxes: j.mailboxes.length,
      done: j.counts.done,
      failed: j.counts.failed,
      unknown: j.counts.unknown,
      total: j.total,
      title: j.title,
      resumable: j.resumable,
    })),
  );
  return EXIT.done;
}

export async function reportCommand(ctx: CommandContext): Promise<ExitCode> {
  if (ctx.args.booleans.has('merge')) return mergeReports(ctx);
  const id = ctx.args.positional[0];
  if (id === undefined) throw new UsageError('report needs the job id (see `mailbox-sweeper jobs`), or --merge FILE… to join reports.');
  const service = createMultiMailboxService({ dataDir: ctx.dataDir });
  const summary = await service.summary(id);
  const outPath = ctx.args.strings.get('out');
  if (ctx.args.booleans.has('mailboxes')) {
    ctx.out.rows('mailbox', ['mailbox', 'state', 'access', 'done', 'alreadyGone', 'failed', 'unknown', 'total', 'reason'], summary.mailboxes.map(mailboxRow));
  } else if (outPath !== undefined) {
    const format = ctx.out.format === 'csv' || outPath.endsWith('.csv') ? 'csv' : 'json';
    const n = await service.exportReport(id, format, outPath);
    ctx.out.note(`${n} row${n === 1 ? '' : 's'} written to ${outPath} (${format === 'csv' ? 'CSV' : 'JSON lines'}).`);
  } else {
    const rows: Record<string, unknown>[] = [];
    for await (const row of service.rows(id)) rows.push({ ...row });
    const columns = ctx.out.format === 'table' ? ['mailbox', 'subject', 'outcome', 'code', 'folderId'] : MULTI_REPORT_COLUMNS;
    ctx.out.rows('item', columns, rows);
  }
  ctx.out.event('summary', { multiJobId: summary.multiJobId, state: summary.state, counts: summary.counts, total: summary.total });
  return summary.state === 'interrupted' || summary.state === 'running' ? EXIT.partlyFailed : exitFor(summary);
}
