// What the main process (and the e2e harness, the tests) hands the service: the data folder, the
// secret store, the save dialog, the event sink and the knobs tests turn. No Electron here.
import type { SweeperEmit } from '../../shared/ipc';
import type { AutodiscoverDeps, ConnectionTestDeps, SignInEnvironment } from '../backends/port';
import type { DemoOptions } from './demoMailbox';
import type { EngineTuning } from './jobCoordinator';
import type { SecretStore } from './secretStore';

export interface SweeperServiceOptions {
  /** The app's data folder: profiles.json and jobs/ (journals) live here. */
  dataDir: string;
  secretStore: SecretStore;
  /** Asks where to save a file; undefined when the admin cancels. */
  chooseSavePath(defaultName: string): Promise<string | undefined>;
  emit: SweeperEmit;
  /** Options for the embedded simulator behind openDemo (tests pick a small seed). */
  demo?: DemoOptions;
  /** Job engine tuning (batch sizes, concurrency, progress interval). */
  jobs?: EngineTuning;
  /** How long the sign-in check waits for Exchange (default 30 s). */
  connectTimeoutMs?: number;
  /** Windows single sign-on through Chromium's network stack (the desktop app passes it in). */
  windowsSignIn?: SignInEnvironment['windowsSignIn'];
  /** Tests only: where host names connect, for connect, certificate trust and Autodiscover (e2e: contoso.com → the simulator). */
  connectVia?: SignInEnvironment['connectVia'];
  /** Autodiscover's resolver and address mapping (tests). */
  autodiscover?: Omit<AutodiscoverDeps, 'environment'>;
  /** Test connection's resolver and step timeout (tests). */
  connectionTest?: Omit<ConnectionTestDeps, 'environment'>;
}
