// Test connection for a Graph profile, step by step: the sign-in authority answers for the
// tenant, the sign-in works (delegated: silently from the kept sign-in, else in the browser;
// app-only: with the certificate), the mailbox's folders are readable, and its Recoverable Items
// (Deletions, the one dumpster folder Graph exposes) open.
import type { DiagnosticStep, GraphConnectionSettings, TestConnectionResult } from '../../shared/ipc';
import { describeFailure } from '../graph/errors';
import { getFolder } from '../graph/operations/getFolder';
import { listFoldersRequest } from '../graph/operations/listFolders';
import type { GraphSignIn } from './graphSignIn';
import { mailboxError } from './signInErrors';

async function timed(name: string, work: () => Promise<Omit<DiagnosticStep, 'name' | 'ms'>>): Promise<DiagnosticStep> {
  const started = Date.now();
  const step = await work();
  return { name, ...step, ms: Date.now() - started };
}

const skipped = (name: string, detail: string): DiagnosticStep => ({ name, outcome: 'skipped', detail, ms: 0 });

export async function testGraphConnection(signIn: GraphSignIn, settings: GraphConnectionSettings): Promise<TestConnectionResult> {
  const steps: DiagnosticStep[] = [];
  const done = (ok: boolean): TestConnectionResult => ({ ok, steps });
  const authorityStep = await timed('Sign-in authority', async () => {
    const answer = await signIn.authorityMetadata(settings);
    return answer.ok
      ? { outcome: 'ok', detail: `${answer.metadata.issuer} answers for tenant ${settings.tenantId}.` }
      : { outcome: 'failed', detail: answer.error.message };
  });
  steps.push(authorityStep);
  if (authorityStep.outcome === 'failed') {
    steps.push(skipped('Sign-in', 'Needs the authority.'), skipped('Mailbox folders', 'Needs a sign-in.'), skipped('Recoverable Items', 'Needs a sign-in.'));
    return done(false);
  }

  let signedIn: Awaited<ReturnType<GraphSignIn['signIn']>> | undefined;
  const signInStep = await timed('Sign-in', async () => {
    signedIn = await signIn.signIn(settings);
    if (!signedIn.ok) return { outcome: 'failed', detail: signedIn.error.message };
    return {
      outcome: 'ok',
      detail:
        settings.signIn === 'appOnly'
          ? `Signed in as the app ${settings.clientId} with its certificate.`
          : `Signed in as ${signedIn.account ?? 'the account'}.`,
    };
  });
  steps.push(signInStep);
  if (signedIn === undefined || !signedIn.ok) {
    steps.push(skipped('Mailbox folders', 'Needs a sign-in.'), skipped('Recoverable Items', 'Needs a sign-in.'));
    return done(false);
  }

  const opened = signIn.client(signedIn);
  const context = signedIn.context;
  try {
    const mailbox = context.mailbox;
    const foldersStep = await timed('Mailbox folders', async () => {
      const answer = await opened.client.send(listFoldersRequest(mailbox, { top: 1, withSourceKey: false }));
      if (!answer.ok) return { outcome: 'failed', detail: mailboxError(answer.failure, context).message };
      return { outcome: 'ok', detail: `GET /users/${mailbox}/mailFolders answers: the mailbox's folders are readable.` };
    });
    steps.push(foldersStep);
    if (foldersStep.outcome === 'failed') {
      steps.push(skipped('Recoverable Items', 'Needs the mailbox.'));
      return done(false);
    }
    steps.push(
      await timed('Recoverable Items', async () => {
        const answer = await getFolder(opened.client, mailbox, 'recoverableitemsdeletions', false);
        if (!answer.ok) {
          return { outcome: 'warning', detail: `Deletions did not open (${describeFailure(answer.failure)}): recovery will not work for this mailbox.` };
        }
        const count = answer.folder.totalItemCount;
        return {
          outcome: 'ok',
          detail: `Deletions opens and holds ${count.toLocaleString('en-US')} item${count === 1 ? '' : 's'}. Versions and Purges are EWS only.`,
        };
      }),
    );
    return done(true);
  } finally {
    opened.close();
  }
}
