// The views of the current connection: the folder tree, the item list, the reading pane, folder
// delete and restore, dumpster health. Each asks the current backend and refuses without one.
import type { SweeperHandlers } from '../../shared/ipc';
import type { CurrentSession } from './currentSession';
import { dumpsterHealth } from './dumpsterHealth';
import { restoreFolder } from './restoreFolder';

export type ViewHandlers = Pick<SweeperHandlers, 'listFolders' | 'listItems' | 'getItemDetails' | 'deleteFolder' | 'restoreFolder' | 'dumpsterHealth'>;

export function createViewHandlers(current: CurrentSession): ViewHandlers {
  return {
    // Every handler is async, so a refusal always arrives as a rejected promise, never a throw.
    listFolders: async ({ part }) => {
      const session = current.require();
      // The admin refreshed the tree: report paths follow it.
      current.forgetPaths();
      return session.listFolders(part);
    },

    listItems: async (request) => current.require().listItems(request),

    getItemDetails: async (request) => current.require().getItemDetails(request),

    deleteFolder: async ({ folderId, mode }) => {
      current.forgetPaths();
      return current.require().deleteFolder(folderId, mode);
    },

    restoreFolder: async ({ part, folderId, toFolderId }) => {
      const session = current.require();
      current.forgetPaths();
      return restoreFolder(session.jobBackend({ part }), { folderId, toFolderId });
    },

    dumpsterHealth: async ({ smtp }) => {
      const session = current.require();
      session.assertMailbox(smtp === undefined ? { part: 'primary' } : { smtp, part: 'primary' });
      return dumpsterHealth(session.dumpsterReader(), { address: session.info.mailbox, hasArchive: session.info.hasArchive });
    },
  };
}
