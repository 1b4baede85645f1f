// connect and folders with --backend graph, through the registered Graph connector (the app's own
// Test connection and connect): app-only has no mailbox of its own, so both name the mailbox to
// open. connect runs the app's connection test per mailbox (the authority answers for the tenant,
// the certificate gets a token, the mailbox's folders are readable with the app's permissions, and
// Deletions opens); folders lists the tree Graph sees, with Versions, Purges and DiscoveryHolds
// shown as "EWS only" rather than left out.
import { backendConnector, type MailboxBackend } from '../backends/port';
import type { DiagnosticStep, GraphConnectionSettings } from '../../shared/ipc';
import { UsageError } from './args';
import { EXIT, type CommandContext, type ExitCode } from './context';
import { graphSettingsFrom } from './graphConnection';

/** Steps that fail the same way for every mailbox: once they fail, testing more mailboxes says nothing new. */
const SIGN_IN_STEPS = new Set(['Sign-in authority', 'Sign-in']);

export async function connectOverGraph(ctx: CommandContext): Promise<ExitCode> {
  const settings = graphSettingsFrom(ctx.args, ctx.environment.env);
  const mailboxes = ctx.args.lists.get('mailbox') ?? [];
  if (mailboxes.length === 0)
    throw new UsageError(
      'connect --backend graph needs --mailbox A[,B]: an app-only sign-in has no mailbox of its own, so the test opens the mailboxes named.',
    );
  const connector = backendConnector('graph');
  const checks: Record<string, unknown>[] = [];
  const rows: Record<string, unknown>[] = [];
  for (const mailbox of mailboxes) {
    const result = await connector.testConnection({ ...settings, mailbox });
    checks.push(...result.steps.map((step) => ({ mailbox, step: step.name, outcome: step.outcome, ms: step.ms, detail: step.detail })));
    const failed = result.steps.find((s) => s.outcome === 'failed');
    const signInFailed = failed !== undefined && SIGN_IN_STEPS.has(failed.name);
    if (failed !== undefined) ctx.out.note(`${mailbox}: ${failed.name} failed: ${failed.detail}`);
    for (const warning of result.steps.filter((s) => s.outcome === 'warning')) ctx.out.note(`${mailbox}: ${warning.name}: ${warning.detail}`);
    if (signInFailed) {
      ctx.out.rows('check', CHECK_COLUMNS, checks);
      ctx.out.event('connect', { ok: false, backend: 'graph', step: failed.name, message: failed.detail });
      return EXIT.failed;
    }
    rows.push(mailboxRow(mailbox, result.ok, result.steps, failed));
  }
  const needed = (ctx.args.lists.get('group') ?? []).length > 0;
  const directory = await directoryCheck(settings, needed);
  checks.push(directory);
  if (directory.outcome !== 'ok') ctx.out.note(`Directory: ${String(directory.detail)}`);
  ctx.out.rows('check', CHECK_COLUMNS, checks);
  ctx.out.rows('mailbox', ['mailbox', 'ok', 'access', 'archive', 'deletions', 'reason'], rows);
  return rows.every((r) => r.ok === true) && directory.outcome !== 'failed' ? EXIT.done : EXIT.partlyFailed;
}

/**
 * Whether the app may read the directory (User.Read.All, GroupMember.Read.All), which --group and
 * names need: a warning when not granted, a failure when --group was given. One row for the app.
 */
async function directoryCheck(settings: Omit<GraphConnectionSettings, 'mailbox'>, needed: boolean): Promise<Record<string, unknown>> {
  const started = Date.now();
  const row = (outcome: 'ok' | 'warning' | 'failed', detail: string): Record<string, unknown> => ({
    mailbox: '',
    step: 'Directory (names, --group)',
    outcome,
    ms: Date.now() - started,
    detail,
  });
  const notGranted = needed ? 'failed' : 'warning';
  const opened = await backendConnector('graph').openMailboxes({ ...settings, mailbox: '' });
  if (!opened.ok) return row(notGranted, opened.error.message);
  try {
    const access = await opened.source.directoryAccess?.();
    if (access === undefined) return row(notGranted, 'The directory permissions could not be checked on this connection.');
    return row(access.state === 'allowed' ? 'ok' : notGranted, access.message ?? access.state);
  } finally {
    opened.source.close();
  }
}

const CHECK_COLUMNS = ['mailbox', 'step', 'outcome', 'ms', 'detail'];

function mailboxRow(mailbox: string, ok: boolean, steps: readonly DiagnosticStep[], failed: DiagnosticStep | undefined): Record<string, unknown> {
  const deletions = steps.find((s) => s.name === 'Recoverable Items');
  return {
    mailbox,
    ok,
    // App-only reaches the mailbox with the application permission (RBAC for Applications scopes it), no user's rights.
    access: 'app-only',
    // Graph v1.0 does not open the In-Place Archive.
    archive: 'no (EWS only)',
    deletions: deletions === undefined || deletions.outcome === 'skipped' ? undefined : deletions.outcome === 'ok' ? 'opens' : 'does not open',
    reason: failed?.detail,
  };
}

/** Opens one mailbox over Graph for `folders`; a refusal is a sentence. */
export async function openOverGraph(ctx: CommandContext, mailbox: string | undefined, part: string): Promise<MailboxBackend | string> {
  const settings = graphSettingsFrom(ctx.args, ctx.environment.env);
  if (mailbox === undefined) throw new UsageError('folders --backend graph needs --mailbox A: an app-only sign-in has no mailbox of its own.');
  if (part !== 'primary') throw new UsageError(`--part ${part}: Microsoft Graph v1.0 does not open the In-Place Archive; list it over EWS.`);
  const opened = await backendConnector('graph').open({ ...settings, mailbox });
  return opened.ok ? opened.session : opened.error.message;
}
