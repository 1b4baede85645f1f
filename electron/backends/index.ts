// The composition root of the backends: registers every backend kind the app can connect with, so
// the service (which imports only ./port.ts) can open one by kind. The app's entry points call
// registerBackends() once at start: electron/main.ts, the command line, the e2e harness, the test
// setup (test/support/registerBackends.ts) and the bench scripts that build a service.
import { createGraphConnector } from '../graphSignIn/connector';
import type { GraphSignInOptions } from '../graphSignIn/graphSignIn';
import { ewsConnector } from './ews/connect';
import { registerBackend } from './port';

/** What only the app's entry point can lend a backend. */
export interface BackendDependencies {
  /**
   * Microsoft Graph's sign-in: the data folder, the secret store that seals its token cache
   * (safeStorage in the app) and the system browser (shell.openExternal). Without it Graph is not
   * registered and Graph profiles are refused in words (the command line, the EWS-only tests).
   */
  graph?: GraphSignInOptions;
}

/** Registers EWS, and Graph when its sign-in's dependencies are given; returns the undo (which also closes Graph's sign-in). */
export function registerBackends(dependencies: BackendDependencies = {}): () => void {
  const undo = [registerBackend(ewsConnector)];
  if (dependencies.graph !== undefined) {
    const graph = createGraphConnector(dependencies.graph);
    undo.push(registerBackend(graph), () => graph.close());
  }
  return () => {
    for (const step of undo) step();
  };
}
