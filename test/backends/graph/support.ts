// The Graph job backend against the Graph simulator over https (same mailbox store as the EWS
// simulator): a backend per test client, and the ways from the store's EWS-side views to Graph ids.
import { GraphJobBackend } from '../../../electron/backends/graph/jobBackend';
import { startGraphSimulator, type GraphSimulatorOptions, type RunningGraphSimulator } from '../../../electron/simGraph';
import { ADMIN, simClient, type SimClient } from '../../integration/graphSupport';

export { ADMIN };

export interface GraphRig {
  sim: RunningGraphSimulator;
  graph: SimClient;
  backend: GraphJobBackend;
  close(): Promise<void>;
}

export async function startRig(options: GraphSimulatorOptions = {}): Promise<GraphRig> {
  const sim = await startGraphSimulator({ tls: true, simulatorOptions: { seed: 'empty', throttling: false }, throttling: false, ...options });
  const graph = simClient(sim);
  const backend = new GraphJobBackend(graph.client, { part: 'primary' }, { signedInUser: ADMIN });
  return {
    sim,
    graph,
    backend,
    close: async () => {
      graph.close();
      await sim.close();
    },
  };
}

export const never = (): AbortSignal => new AbortController().signal;

/** The store's folder (EWS id) of a distinguished name. */
export function ewsFolder(rig: GraphRig, name: string): string {
  const f = rig.sim.ews.store.folderByDistinguished(ADMIN, name);
  if (!f) throw new Error(`no ${name}`);
  return f.id;
}

/** A new folder under the Inbox, its EWS id and its Graph id (matched by PR_SOURCE_KEY, which both protocols show). */
export async function newFolder(rig: GraphRig, name: string): Promise<{ ews: string; graph: string; sourceKey: string }> {
  const view = rig.sim.ews.store.createFolder(ewsFolder(rig, 'inbox'), name);
  const tree = await rig.backend.listFoldersWithSourceKeys(never());
  const hit = tree.find((f) => f.sourceKey === view.sourceKey);
  if (!hit) throw new Error(`folder ${name} not listed over Graph`);
  return { ews: view.id, graph: hit.id, sourceKey: view.sourceKey };
}

/** Graph ids of a folder's items, newest first, all pages. */
export async function graphIds(rig: GraphRig, folder: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ;) {
    const page = await rig.backend.listItems({ folderId: folder, filter: {}, offset, max: 1000 }, never());
    ids.push(...page.rows.map((r) => r.id));
    offset += page.rows.length;
    if (page.last || page.rows.length === 0) return ids;
  }
}

export const subjectsIn = (rig: GraphRig, ewsFolderId: string): string[] => rig.sim.ews.store.folderItems(ewsFolderId).map((i) => i.subject);
