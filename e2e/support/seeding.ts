// Puts known items into the simulator through its inspection API (no HTTP), before the UI looks.
import { DEMO_ADMIN, type RunningSimulator } from '../../electron/sim';
import type { FolderView } from '../../electron/sim';

export function distinguishedFolder(sim: RunningSimulator, name: string): FolderView {
  const folder = sim.store.folderByDistinguished(DEMO_ADMIN, name);
  if (!folder) throw new Error(`the simulator has no ${name} folder for ${DEMO_ADMIN}`);
  return folder;
}

/** A new folder under the Inbox holding `count` items with subjects "<prefix> 1…n". */
export function seedFolder(sim: RunningSimulator, name: string, count: number, prefix = name): FolderView {
  const inbox = distinguishedFolder(sim, 'inbox');
  const folder = sim.store.createFolder(inbox.id, name);
  sim.store.seedItems(folder.id, count, { subject: (i) => `${prefix} ${i + 1}`, size: 10_000 });
  return sim.store.folder(folder.id) ?? folder;
}

export function countIn(sim: RunningSimulator, folderId: string): number {
  return sim.store.itemCount(folderId);
}
