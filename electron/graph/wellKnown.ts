// Graph's well-known mail folder names (mailFolder resource, "Use well-known folder names"):
// they stand in for a folder id in any path. The dumpster is reachable only through
// recoverableitemsdeletions; Versions, Purges and DiscoveryHolds have no Graph name and are
// listed apart so the app can show them as "EWS only" instead of hiding the gap.

export const GRAPH_WELL_KNOWN_FOLDERS = [
  'msgfolderroot',
  'inbox',
  'drafts',
  'sentitems',
  'deleteditems',
  'junkemail',
  'outbox',
  'archive',
  'clutter',
  'conflicts',
  'conversationhistory',
  'localfailures',
  'scheduled',
  'searchfolders',
  'serverfailures',
  'syncissues',
  'recoverableitemsdeletions',
] as const;

export type GraphWellKnownFolder = (typeof GRAPH_WELL_KNOWN_FOLDERS)[number];

/** Dumpster folders EWS names and Graph does not expose at all. */
export const EWS_ONLY_FOLDERS = ['recoverableitemsroot', 'recoverableitemsversions', 'recoverableitemspurges', 'recoverableitemsdiscoveryholds'] as const;

export function isGraphWellKnownFolder(name: string): name is GraphWellKnownFolder {
  return (GRAPH_WELL_KNOWN_FOLDERS as readonly string[]).includes(name);
}
