// The Graph client against the Graph simulator over https: a client trusting the simulator's
// certificate, with a token the simulator's authority signed (or one MSAL got from it).
import { GraphClient, type TokenSource } from '../../electron/graph/client';
import { HttpsTransport } from '../../electron/graph/transport';
import type { RunningGraphSimulator } from '../../electron/sim-graph';

export const ADMIN = 'admin@contoso.com';

export interface SimClient {
  client: GraphClient;
  transport: HttpsTransport;
  close(): void;
}

export function simClient(sim: RunningGraphSimulator, token?: TokenSource): SimClient {
  const transport = new HttpsTransport({ ...(sim.certificatePem ? { ca: sim.certificatePem } : {}), maxSockets: 16 });
  const minted = sim.mintAccessToken({ user: ADMIN, permissions: ['Mail.ReadWrite'] });
  const client = new GraphClient({ baseUrl: sim.graphUrl, token: token ?? (() => Promise.resolve(minted)), http: transport });
  return { client, transport, close: () => transport.close() };
}
