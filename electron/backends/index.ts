// The composition root of the backends: registers every backend kind the app can connect with, so
// the service (which imports only ./port.ts) can open one by kind. The app's entry points call
// registerBackends() once at start: electron/main.ts, the command line, the e2e harness, the test
// setup (test/support/registerBackends.ts) and the bench scripts that build a service.
import { ewsConnector } from './ews/connect';
import { registerBackend } from './port';

export function registerBackends(): void {
  registerBackend(ewsConnector);
}
