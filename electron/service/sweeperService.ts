// The use-cases behind every IPC method (and the e2e harness): profiles and connect, folders,
// items, jobs, reports, folder delete, the demo mailbox. No Electron here: the main process
// passes in the data folder, the secret store, the save dialog and the event sink. This file
// wires the parts: connectionHandlers.ts (connect and sign-out), viewHandlers.ts (the views),
// jobHandlers.ts (one mailbox's jobs) and multiMailboxApp.ts (jobs over many mailboxes).
import type { SweeperHandlers } from '../../shared/ipc';
import type { SignInEnvironment } from '../backends/port';
import { ConnectFlow, OpenSessions, type ManyMailboxAccount } from './connectFlow';
import { createConnectionHandlers } from './connectionHandlers';
import { CurrentSession } from './currentSession';
import { DemoMailbox } from './demoMailbox';
import { JobCoordinator } from './jobCoordinator';
import { createJobHandlers } from './jobHandlers';
import { graphMailboxSource } from './mailboxSource';
import { createMultiMailboxService, type MultiMailboxServiceOptions } from './multiMailbox';
import { createMultiMailboxApp } from './multiMailboxApp';
import { ProfileStore } from './profileStore';
import type { SweeperServiceOptions } from './serviceOptions';
import { SoapTrace } from './soapTrace';
import { createViewHandlers } from './viewHandlers';

export type { SweeperServiceOptions } from './serviceOptions';

export interface SweeperService extends SweeperHandlers {
  /** Pauses running jobs (resumable next start), closes connections and the demo simulator. */
  dispose(): Promise<void>;
}

/** Where a many-mailbox service opens mailboxes: the EWS account's connection, or one Graph sign-in through the registered connector. */
function manyMailboxSource(account: ManyMailboxAccount | undefined): Pick<MultiMailboxServiceOptions, 'connection' | 'mailboxes' | 'user'> {
  if (account === undefined) return {};
  if (account.backend === 'ews') return { connection: account.connection };
  return { mailboxes: graphMailboxSource(account.settings), user: account.actor };
}

export function createSweeperService(options: SweeperServiceOptions): SweeperService {
  const profiles = new ProfileStore(options.dataDir, options.secretStore);
  const demo = new DemoMailbox(options.demo);
  const opened = new OpenSessions(demo);
  const jobs = new JobCoordinator(options.dataDir, options.emit, (connection) => opened.release(connection), options.jobs);
  const current = new CurrentSession();
  // The last requests and answers of this run, redacted as they are recorded (Help → Trace).
  const trace = new SoapTrace();
  const registerSecrets = (...secrets: Array<string | undefined>): void => {
    for (const secret of secrets) if (secret) trace.addSecret(secret);
  };
  const environment: SignInEnvironment = {
    onExchange: (record) => trace.record(record),
    ...(options.windowsSignIn === undefined ? {} : { windowsSignIn: options.windowsSignIn }),
    ...(options.connectVia === undefined ? {} : { connectVia: options.connectVia }),
  };
  const flow = new ConnectFlow({ options, profiles, demo, jobs, opened, current, environment, registerSecrets });
  const multi = createMultiMailboxApp({
    emit: options.emit,
    chooseSavePath: (name) => options.chooseSavePath(name),
    account: () => flow.account,
    createService: (account) => createMultiMailboxService({ dataDir: options.dataDir, environment, ...manyMailboxSource(account) }),
  });

  return {
    ...multi.handlers,
    ...createConnectionHandlers({ options, profiles, jobs, current, trace, environment, flow, registerSecrets }),
    ...createViewHandlers(current),
    ...createJobHandlers(jobs, current, (name) => options.chooseSavePath(name)),

    dispose: async () => {
      await multi.dispose();
      await jobs.pauseAll();
      jobs.disconnect();
      current.backend = undefined;
      opened.closeAll();
      await demo.close();
    },
  };
}
