// `mailbox-sweeper`: the command line over the app's own service layer (electron/service) and job
// engine, in plain Node (no Electron). See the README's "Command line" section.
import { registerBackends } from '../backends';
import { parseArgs, UsageError } from './args';
import { connectCommand, foldersCommand, jobsCommand, reportCommand } from './commandsRead';
import { resumeCommand, retryCommand, runCommand, searchCommand } from './commandsRun';
import { dataDirFrom, EXIT, type CommandContext, type ExitCode } from './context';
import { terminalPrompt, type CliEnvironment } from './credentials';
import { cliGraphSignIn } from './graphConnection';
import { SUSPEND_WAIT_MS } from './interrupt';
import { formatFrom, Output, type Streams } from './output';

export const HELP = `mailbox-sweeper — search and clean many Exchange mailboxes over EWS

Commands
  connect   [--mailbox A,B]           sign in; with --mailbox, open each mailbox (impersonation or delegate);
                                       over Graph the connection test per mailbox (--mailbox required) and
                                       whether the app may read the directory (a failure with --group)
  folders   [--mailbox A] [--part P]   list one mailbox's folders (over Graph: --mailbox required, primary only)
  search    MAILBOXES FILTER [SCOPE]   preview: hits, size and a few subjects per mailbox
  run       MAILBOXES FILTER --action A [--yes]
                                       one job over all mailboxes; deletes are a dry run without --yes
  resume    JOB_ID                     continue an interrupted job (after Ctrl-C, SIGTERM, a crash or kill)
  retry     JOB_ID                     a new job over what a finished job left undone in every mailbox
                                       (retryable failures, not attempted, unknown moves/deletes, mailboxes
                                       not opened); final errors and unknown copies are left, and counted
  report    JOB_ID [--mailboxes] [--out FILE]     per-item report (or per mailbox)
  report    --merge FILE… [--out FILE]            join the reports of several shards
  jobs                                 list jobs over many mailboxes

Connection   --url URL (SWEEPER_URL)  --user NAME (SWEEPER_USER)  --auth password|basic|bearer
             --domain D  --allow-insecure-http  --data-dir DIR (SWEEPER_DATA_DIR, default ~/.mailbox-sweeper)
             --profile NAME (SWEEPER_PROFILE): a profile the desktop app saved, read from --data-dir or
             else the app's own data folder; flags override its fields
             The password comes from SWEEPER_PASSWORD, a token from SWEEPER_TOKEN, or a prompt;
             never from an argument (a profile's saved password is sealed by the OS key store
             through Electron, which the command line cannot open).
Graph        --backend graph (SWEEPER_BACKEND)  --tenant ID|DOMAIN (SWEEPER_TENANT)  --client-id ID (SWEEPER_CLIENT_ID)
             --cert FILE.pem (SWEEPER_CERT)  --key FILE.pem (SWEEPER_KEY)  [--authority URL] [--graph-url URL]
             app-only with the app registration's certificate (application Mail.ReadWrite, scoped by RBAC
             for Applications; User.Read.All and GroupMember.Read.All for names and groups); connect,
             folders, search, run, resume and retry; no archive, no collect; the key is read from its file
MAILBOXES    --mailbox A,B  --mailboxes-file FILE (list or CSV with a PrimarySmtpAddress/EmailAddress/Mail column)
             --group GROUP (expanded with nested groups)  --shard INDEX/COUNT  --job FILE.json
FILTER       --subject TEXT --sender TEXT --received-after/--received-before DATE --sent-after/--sent-before DATE
             --deleted-after/--deleted-before DATE --item-class CLASS --message-id ID --has-attachments
SCOPE        --part primary|archive|both  --folders all|inbox,junkemail,…  --subfolders  --dumpster
ACTION       --action delete|softdelete|harddelete|move:FOLDER|recover[:FALLBACK]  --dry-run  --yes
             --action collect:MAILBOX[/FOLDER]  copy every hit into FOLDER of MAILBOX (one subfolder per
                                       source mailbox; needs FullAccess to every mailbox: see README)
Tuning       --parallel N (mailboxes at once)  --budget-owner impersonated|caller  --concurrency-cap N
Output       --format table|jsonl|csv (default: table on a terminal, JSON lines in a pipe)
Ctrl-C       run, resume and retry: the first Ctrl-C (or SIGTERM) suspends the job: batches in flight
             are answered and recorded (up to ${SUSPEND_WAIT_MS / 1000} s), then it exits 4 and prints the resume command;
             a second Ctrl-C stops at once (resume then checks those batches against the mailbox)
Exit codes   0 done · 1 partly failed · 2 refused · 3 failed · 4 interrupted (resumable: mailbox-sweeper resume ID)
`;

const COMMANDS: Record<string, (ctx: CommandContext) => Promise<ExitCode>> = {
  connect: connectCommand,
  folders: foldersCommand,
  search: searchCommand,
  run: runCommand,
  resume: resumeCommand,
  retry: retryCommand,
  report: reportCommand,
  jobs: jobsCommand,
};

export async function main(argv: readonly string[], streams: Streams, environment: CliEnvironment): Promise<ExitCode> {
  let out = new Output('table', streams);
  let unregister = (): void => undefined;
  try {
    const args = parseArgs(argv);
    if (args.booleans.has('help') || args.command === undefined || args.command === 'help') {
      streams.stdout.write(HELP);
      return args.command === undefined && !args.booleans.has('help') ? EXIT.refused : EXIT.done;
    }
    const command = COMMANDS[args.command];
    if (command === undefined) throw new UsageError(`Unknown command "${args.command}" (see --help).`);
    out = new Output(formatFrom(args, streams), streams);
    const dataDir = dataDirFrom(args, environment.env);
    // Graph's connector (connect and folders --backend graph) with what the command line lends its sign-in: app-only, no browser, nothing sealed.
    unregister = registerBackends({ graph: cliGraphSignIn(dataDir) });
    return await command({ args, out, environment, dataDir });
  } catch (error) {
    const usage = error instanceof UsageError;
    out.note(`${usage ? 'refused' : 'error'}: ${error instanceof Error ? error.message : String(error)}`);
    out.event('error', { refused: usage, message: error instanceof Error ? error.message : String(error) });
    return usage ? EXIT.refused : EXIT.failed;
  } finally {
    unregister();
  }
}

/** Runs the command line in this process and exits with its code once the output is written. */
export function runCli(): void {
  const prompt = terminalPrompt();
  void main(
    process.argv.slice(2),
    { stdout: process.stdout, stderr: process.stderr },
    { env: process.env, ...(prompt === undefined ? {} : { promptSecret: prompt }) },
  ).then((code) => {
    // Exit explicitly: a keep-alive socket or a back-off timer must not hold a finished command open.
    process.stdout.write('', () => process.exit(code));
  });
}

if (require.main === module) runCli();
