// Vitest setup: the backends the app registers at start (electron/backends/index.ts), so tests
// that build the service or the many-mailbox service reach EWS through the port as the app does.
import { registerBackends } from '../../electron/backends';

registerBackends();
