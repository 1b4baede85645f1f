// search, run and resume: the mailboxes chosen (list, CSV, groups; --shard takes this worker's
// share), previewed per mailbox, then one job over all of them, watched until every mailbox ends.
import type { MailboxJobStatus, MailboxPreview, MultiJobSpec, MultiJobSummary, MultiMailboxSearchSpec } from '../../shared/domain';
import { createMultiMailboxService, shardOf, type BudgetOwner, type MultiJobHandle, type MultiMailboxService } from '../service/multiMailbox';
import { UsageError } from './args';
import { bytes, EXIT, exitFor, numberFlag, type CommandContext, type ExitCode } from './context';
import { connectionFrom } from './credentials';
import { backendFrom, graphSourceFrom } from './graphConnection';
import { resumeCommandLine, suspendOnSignals } from './interrupt';
import { jobFrom, requireFilter } from './jobSpec';
import { bar } from './output';

const MAILBOX_COLUMNS = ['mailbox', 'state', 'access', 'done', 'alreadyGone', 'failed', 'unknown', 'total', 'reason'];
const PREVIEW_COLUMNS = ['mailbox', 'state', 'access', 'hits', 'size', 'subjects', 'reason'];

function budgetOwnerFrom(ctx: CommandContext): BudgetOwner | undefined {
  const owner = ctx.args.strings.get('budget-owner');
  if (owner === undefined) return undefined;
  if (owner !== 'impersonated' && owner !== 'caller') throw new UsageError(`--budget-owner ${owner}: impersonated or caller.`);
  return owner;
}

/** The service signed in with the command's connection, tuned by its flags. */
export async function connectedService(ctx: CommandContext): Promise<MultiMailboxService> {
  const parallel = numberFlag(ctx.args, 'parallel');
  const cap = numberFlag(ctx.args, 'concurrency-cap');
  const timeout = numberFlag(ctx.args, 'request-timeout-ms');
  // Over Graph one app-only sign-in opens every mailbox; over EWS each mailbox is a sign-in of the connection.
  const graph = backendFrom(ctx.args, ctx.environment.env) === 'graph' ? await graphSourceFrom(ctx.args, ctx.environment.env, ctx.dataDir) : undefined;
  const connection = graph === undefined ? await connectionFrom(ctx.args, ctx.environment) : undefined;
  const owner = budgetOwnerFrom(ctx);
  return createMultiMailboxService({
    dataDir: ctx.dataDir,
    ...(connection === undefined ? {} : { connection }),
    ...(graph === undefined ? {} : { mailboxes: graph.source, user: graph.actor }),
    ...(parallel === undefined ? {} : { parallelMailboxes: parallel }),
    ...(owner === undefined ? {} : { budgetOwner: owner }),
    engine: {
      ...(cap === undefined ? {} : { concurrencyCap: cap, initialConcurrency: cap }),
      ...(timeout === undefined ? {} : { requestTimeoutMs: timeout }),
      progressIntervalMs: 200,
    },
  });
}

/** The search spec with its mailboxes chosen; problems shown; undefined when none is left. */
async function chooseMailboxes(
  ctx: CommandContext,
  service: MultiMailboxService,
): Promise<{ search: MultiMailboxSearchSpec; action: MultiJobSpec['action'] | undefined; problems: number } | undefined> {
  const job = jobFrom(ctx.args);
  requireFilter(job.search.filter);
  if (job.sources.text === undefined && job.sources.groups === undefined)
    throw new UsageError('No mailboxes: give --mailbox, --mailboxes-file or --group (or "mailboxes"/"groups" in --job).');
  const picked = await service.selectMailboxes(job.sources);
  for (const p of picked.problems) {
    ctx.out.note(`not used: ${p.entry}: ${p.reason}`);
    ctx.out.event('problem', { entry: p.entry, reason: p.reason });
  }
  let mailboxes = picked.mailboxes;
  if (job.shard !== undefined) {
    mailboxes = shardOf(mailboxes, job.shard.index, job.shard.count);
    ctx.out.note(`shard ${job.shard.index}/${job.shard.count}: ${mailboxes.length} of ${picked.mailboxes.length} mailboxes`);
  }
  if (mailboxes.length === 0) {
    ctx.out.note('No mailbox to work on.');
    return undefined;
  }
  return { search: { ...job.search, mailboxes }, action: job.action, problems: picked.problems.length };
}

function previewRow(p: MailboxPreview): Record<string, unknown> {
  return {
    mailbox: p.mailbox,
    state: p.state,
    access: p.access,
    hits: p.hits,
    size: p.totalSize,
    sizeText: bytes(p.totalSize),
    subjects: p.sampleSubjects,
    folders: p.folders,
    reason: p.reason,
  };
}

async function preview(ctx: CommandContext, service: MultiMailboxService, search: MultiMailboxSearchSpec): Promise<MailboxPreview[]> {
  const rows = await service.search(search, (p) => {
    ctx.out.event('preview', previewRow(p.preview));
    const eta = p.etaSeconds === undefined ? '' : `, about ${p.etaSeconds} s left`;
    ctx.out.progress(`searching ${bar(p.mailboxesDone, p.mailboxesTotal)} ${p.mailboxesDone}/${p.mailboxesTotal} mailboxes${eta}`);
  });
  ctx.out.clearProgress();
  if (ctx.out.format !== 'jsonl')
    ctx.out.rows(
      'preview',
      PREVIEW_COLUMNS,
      rows.map((r) => ({ ...previewRow(r), size: bytes(r.totalSize) })),
    );
  const hits = rows.reduce((n, r) => n + r.hits, 0);
  const size = rows.reduce((n, r) => n + r.totalSize, 0);
  const troubled = rows.filter((r) => r.state !== 'searched').length;
  ctx.out.event('summary', { mailboxes: rows.length, hits, size, unreachable: troubled });
  ctx.out.note(
    `${hits} hit${hits === 1 ? '' : 's'} (${bytes(size)}) in ${rows.filter((r) => r.hits > 0).length} of ${rows.length} mailboxes${troubled > 0 ? `; ${troubled} could not be searched` : ''}.`,
  );
  return rows;
}

export async function searchCommand(ctx: CommandContext): Promise<ExitCode> {
  const service = await connectedService(ctx);
  try {
    const chosen = await chooseMailboxes(ctx, service);
    if (chosen === undefined) return EXIT.refused;
    const rows = await preview(ctx, service, chosen.search);
    return chosen.problems > 0 || rows.some((r) => r.state !== 'searched') ? EXIT.partlyFailed : EXIT.done;
  } finally {
    service.close();
  }
}

function describeAction(action: MultiJobSpec['action']): string {
  if (action.kind === 'delete')
    return action.mode === 'MoveToDeletedItems' ? 'move to Deleted Items' : action.mode === 'SoftDelete' ? 'soft-delete' : 'hard-delete (purge)';
  if (action.kind === 'collect') return `copy to ${action.mailbox} / ${action.folder}`;
  return action.kind === 'move' ? `move to ${action.toFolder}` : `recover (fallback ${action.fallbackFolder})`;
}

export async function runCommand(ctx: CommandContext): Promise<ExitCode> {
  const service = await connectedService(ctx);
  try {
    const chosen = await chooseMailboxes(ctx, service);
    if (chosen === undefined) return EXIT.refused;
    if (chosen.action === undefined) throw new UsageError('run needs --action (delete, softdelete, harddelete, move:FOLDER, recover[:FALLBACK]).');
    const destructive = chosen.action.kind === 'delete';
    if (ctx.args.booleans.has('dry-run') || (destructive && !ctx.args.booleans.has('yes'))) {
      const rows = await preview(ctx, service, chosen.search);
      const hits = rows.reduce((n, r) => n + r.hits, 0);
      ctx.out.event('dryRun', { action: chosen.action, hits });
      ctx.out.note(
        `Dry run: nothing was changed. The run would ${describeAction(chosen.action)} ${hits} item${hits === 1 ? '' : 's'}${destructive ? '; add --yes to act' : ''}.`,
      );
      return chosen.problems > 0 || rows.some((r) => r.state !== 'searched') ? EXIT.partlyFailed : EXIT.done;
    }
    const handle = await service.start({ search: chosen.search, action: chosen.action });
    const code = exitOfWatch(await watch(ctx, handle));
    return chosen.problems > 0 && code === EXIT.done ? EXIT.partlyFailed : code;
  } finally {
    service.close();
  }
}

export async function resumeCommand(ctx: CommandContext): Promise<ExitCode> {
  const id = ctx.args.positional[0];
  if (id === undefined) throw new UsageError('resume needs the job id (see `mailbox-sweeper jobs`).');
  const service = await connectedService(ctx);
  try {
    return exitOfWatch(await watch(ctx, await service.resume(id)));
  } finally {
    service.close();
  }
}

/** `retry JOB_ID`: a new job over what a finished one left undone in every mailbox (final errors stay). */
export async function retryCommand(ctx: CommandContext): Promise<ExitCode> {
  const id = ctx.args.positional[0];
  if (id === undefined) throw new UsageError('retry needs the job id (see `mailbox-sweeper jobs`).');
  const service = await connectedService(ctx);
  try {
    const { handle, plan } = await service.retry(id);
    ctx.out.event('retryPlan', {
      retryOf: id,
      items: plan.items,
      finalErrors: plan.finalErrors,
      unknownCopies: plan.unknownCopies,
      foldersAgain: plan.foldersAgain,
      mailboxesAgain: plan.mailboxesAgain,
    });
    const left = [
      plan.finalErrors > 0 ? `${plan.finalErrors} item${plan.finalErrors === 1 ? '' : 's'} failed with a final error (not retried)` : '',
      plan.unknownCopies > 0 ? `${plan.unknownCopies} unknown cop${plan.unknownCopies === 1 ? 'y' : 'ies'} (may exist already: not copied again)` : '',
    ].filter((s) => s !== '');
    if (left.length > 0) ctx.out.note(`Left as they are: ${left.join('; ')}; see mailbox-sweeper report ${id}.`);
    if (handle === undefined) {
      ctx.out.note(`Nothing to retry in ${id}.`);
      return plan.finalErrors + plan.unknownCopies > 0 ? EXIT.partlyFailed : EXIT.done;
    }
    ctx.out.note(
      `Retrying ${plan.items} item${plan.items === 1 ? '' : 's'} by id, ${plan.foldersAgain} folder${plan.foldersAgain === 1 ? '' : 's'} searched again, ${plan.mailboxesAgain.length} mailbox${plan.mailboxesAgain.length === 1 ? '' : 'es'} opened again.`,
    );
    const code = exitOfWatch(await watch(ctx, handle));
    return code === EXIT.done && left.length > 0 ? EXIT.partlyFailed : code;
  } finally {
    service.close();
  }
}

export function mailboxRow(m: MailboxJobStatus): Record<string, unknown> {
  return {
    mailbox: m.mailbox,
    state: m.state,
    access: m.access,
    done: m.counts.done,
    alreadyGone: m.counts.alreadyGone,
    failed: m.counts.failed,
    unknown: m.counts.unknown,
    notAttempted: m.counts.notAttempted,
    total: m.total,
    reason: m.reason,
    jobIds: m.jobIds,
  };
}

/**
 * Follows a job to its end: progress (bar on a terminal, events in JSON lines), then one row per
 * mailbox. Ctrl-C or SIGTERM suspends it (its summary is then 'interrupted'); a second signal ends
 * the command at once: undefined.
 */
async function watch(ctx: CommandContext, handle: MultiJobHandle): Promise<MultiJobSummary | undefined> {
  const resumeWith = resumeCommandLine(ctx.args, handle.multiJobId);
  ctx.out.event('job', { multiJobId: handle.multiJobId });
  ctx.out.note(`job ${handle.multiJobId} (Ctrl-C suspends it; continue with: ${resumeWith})`);
  const states = new Map<string, string>();
  const stop = handle.onProgress((p) => {
    const settled = p.counts.done + p.counts.alreadyGone + p.counts.failed + p.counts.unknown + p.counts.notAttempted;
    ctx.out.event('progress', {
      multiJobId: p.multiJobId,
      state: p.state,
      mailboxesDone: p.mailboxesDone,
      mailboxesTotal: p.mailboxesTotal,
      counts: p.counts,
      total: p.total,
      itemsPerSecond: p.itemsPerSecond,
      etaSeconds: p.etaSeconds,
    });
    if (p.mailbox !== undefined && states.get(p.mailbox.mailbox) !== p.mailbox.state) {
      states.set(p.mailbox.mailbox, p.mailbox.state);
      ctx.out.event('mailboxState', { mailbox: p.mailbox.mailbox, state: p.mailbox.state, reason: p.mailbox.reason });
    }
    const eta = p.etaSeconds === undefined ? '' : `, ETA ${p.etaSeconds} s`;
    ctx.out.progress(`${bar(settled, p.total)} ${settled}/${p.total} items, ${p.mailboxesDone}/${p.mailboxesTotal} mailboxes, ${p.itemsPerSecond}/s${eta}`);
  });
  const signals = suspendOnSignals(handle, resumeWith, (text) => ctx.out.note(text));
  try {
    const ended = await Promise.race([handle.done, signals.stoppedAtOnce.then(() => undefined)]);
    const signal = signals.received();
    if (ended === undefined) {
      ctx.out.event('interrupted', { multiJobId: handle.multiJobId, signal, atOnce: true, resume: resumeWith });
      return undefined;
    }
    ctx.out.clearProgress();
    ctx.out.rows('mailbox', MAILBOX_COLUMNS, ended.mailboxes.map(mailboxRow));
    ctx.out.event('summary', { multiJobId: ended.multiJobId, state: ended.state, counts: ended.counts, total: ended.total });
    const c = ended.counts;
    ctx.out.note(
      `${ended.state}: ${c.done} done, ${c.alreadyGone} already gone, ${c.failed} failed, ${c.unknown} unknown, ${c.notAttempted} not attempted of ${ended.total}; report: mailbox-sweeper report ${ended.multiJobId}`,
    );
    if (ended.state === 'interrupted') {
      ctx.out.event('interrupted', { multiJobId: ended.multiJobId, signal, atOnce: false, resume: resumeWith });
      ctx.out.note(`Suspended: continue with: ${resumeWith}`);
    }
    return ended;
  } finally {
    stop();
    signals.dispose();
  }
}

/** The exit code of a watched job: interrupted when a second signal ended the command at once. */
function exitOfWatch(summary: MultiJobSummary | undefined): ExitCode {
  return summary === undefined ? EXIT.interrupted : exitFor(summary);
}
