// The default folder set Exchange creates in every mailbox. Recoverable Items sits under `root`
// (the non-IPM subtree), never under `msgfolderroot`, so a Deep FindFolder from msgfolderroot
// never meets it. Dumpster folders are believed to have no FolderClass (EWS-FACTS §4).
// The other hidden system folders under `root` are the on-premises ones of exchangelib's
// known_folders.py NON_DELETEABLE_FOLDERS (names and classes from there; Exchange answers
// ErrorDeleteDistinguishedFolder for them); cloud-only ones (GraphAnalytics, Signal, …) are left out.
// Reminders is a search folder ([MS-OXOSFLD]: the client sets the Reminders folder's search criteria; Outlook's
// olSpecialFolderReminders "the Reminders search folder"), so it is written as t:SearchFolder.
// GetFolder on System is refused per the systemFolderGetFolder switch (refusesGetFolder).
import type { Folder } from './model';

export interface FolderSpec {
  name: string;
  distinguished?: string;
  folderClass?: string;
  system?: boolean;
  searchFolder?: boolean;
  children?: FolderSpec[];
}

const dumpster = (prefix: string): FolderSpec => ({
  name: 'Recoverable Items',
  distinguished: `${prefix}recoverableitemsroot`,
  children: [
    { name: 'Deletions', distinguished: `${prefix}recoverableitemsdeletions` },
    { name: 'Versions', distinguished: `${prefix}recoverableitemsversions` },
    { name: 'Purges', distinguished: `${prefix}recoverableitemspurges` },
    { name: 'DiscoveryHolds', distinguished: `${prefix}recoverableitemsdiscoveryholds` },
    { name: 'Audits', system: true },
    { name: 'Calendar Logging', system: true },
  ],
});

export const PRIMARY_FOLDERS: FolderSpec = {
  name: 'Root',
  distinguished: 'root',
  children: [
    {
      name: 'Top of Information Store',
      distinguished: 'msgfolderroot',
      folderClass: 'IPF.Note',
      children: [
        { name: 'Inbox', distinguished: 'inbox', folderClass: 'IPF.Note' },
        { name: 'Drafts', distinguished: 'drafts', folderClass: 'IPF.Note' },
        { name: 'Sent Items', distinguished: 'sentitems', folderClass: 'IPF.Note' },
        { name: 'Deleted Items', distinguished: 'deleteditems', folderClass: 'IPF.Note' },
        { name: 'Junk Email', distinguished: 'junkemail', folderClass: 'IPF.Note' },
        { name: 'Outbox', distinguished: 'outbox', folderClass: 'IPF.Note' },
        { name: 'Calendar', distinguished: 'calendar', folderClass: 'IPF.Appointment' },
        {
          name: 'Contacts',
          distinguished: 'contacts',
          folderClass: 'IPF.Contact',
          children: [
            { name: 'Recipient Cache', distinguished: 'recipientcache', folderClass: 'IPF.Contact.RecipientCache' },
            { name: 'Quick Contacts', distinguished: 'quickcontacts', folderClass: 'IPF.Contact.MOC.QuickContacts' },
          ],
        },
        { name: 'Tasks', distinguished: 'tasks', folderClass: 'IPF.Task' },
        { name: 'Notes', distinguished: 'notes', folderClass: 'IPF.StickyNote' },
        { name: 'Journal', distinguished: 'journal', folderClass: 'IPF.Journal' },
        { name: 'Conversation History', distinguished: 'conversationhistory', folderClass: 'IPF.Note' },
        {
          name: 'Sync Issues',
          distinguished: 'syncissues',
          folderClass: 'IPF.Note',
          children: [
            { name: 'Conflicts', distinguished: 'conflicts', folderClass: 'IPF.Note' },
            { name: 'Local Failures', distinguished: 'localfailures', folderClass: 'IPF.Note' },
            { name: 'Server Failures', distinguished: 'serverfailures', folderClass: 'IPF.Note' },
          ],
        },
      ],
    },
    dumpster(''),
    { name: 'Finder', distinguished: 'searchfolders', system: true },
    { name: 'Common Views', system: true },
    { name: 'Deferred Action', system: true },
    { name: 'Conversation Action Settings', folderClass: 'IPF.Configuration', system: true },
    { name: 'ExchangeSyncData', system: true },
    { name: 'Freebusy Data', system: true },
    { name: 'Location', system: true },
    { name: 'MailboxAssociations', system: true },
    { name: 'Reminders', folderClass: 'Outlook.Reminder', system: true, searchFolder: true },
    { name: 'Schedule', system: true },
    { name: 'Sharing', folderClass: 'IPF.Note', system: true },
    { name: 'Shortcuts', system: true },
    { name: 'Spooler Queue', system: true },
    { name: 'System', system: true },
    { name: 'TemporarySaves', system: true },
    { name: 'Views', system: true },
    { name: 'Working Set', system: true },
  ],
};

/** Hidden root folders GetFolder is not allowed on (exchangelib's get_folder_allowed = False). */
const NO_GET_FOLDER: ReadonlySet<string> = new Set(['System']);

/** True for a system folder directly under a mailbox root that GetFolder refuses (FindFolder still lists it). */
export function refusesGetFolder(folder: Folder): boolean {
  return folder.system && folder.parent !== null && folder.parent.parent === null && NO_GET_FOLDER.has(folder.displayName);
}

/** Display names of the hidden system folders directly under a primary mailbox's root. */
export const ROOT_SYSTEM_FOLDERS: readonly string[] = (PRIMARY_FOLDERS.children ?? []).filter((f) => f.system).map((f) => f.name);

export const ARCHIVE_FOLDERS: FolderSpec = {
  name: 'Root',
  distinguished: 'archiveroot',
  children: [
    {
      name: 'Top of Information Store',
      distinguished: 'archivemsgfolderroot',
      folderClass: 'IPF.Note',
      children: [
        { name: 'Inbox', distinguished: 'archiveinbox', folderClass: 'IPF.Note' },
        { name: 'Deleted Items', distinguished: 'archivedeleteditems', folderClass: 'IPF.Note' },
      ],
    },
    dumpster('archive'),
  ],
};

/** Every distinguished id the schema allows (types.xsd DistinguishedFolderIdNameType); case-sensitive. */
export const SCHEMA_DISTINGUISHED_IDS: ReadonlySet<string> = new Set(
  (
    'calendar contacts deleteditems drafts inbox journal notes outbox sentitems tasks msgfolderroot publicfoldersroot root ' +
    'junkemail searchfolders voicemail recoverableitemsroot recoverableitemsdeletions recoverableitemsversions ' +
    'recoverableitemspurges recoverableitemsdiscoveryholds archiveroot archivemsgfolderroot archivedeleteditems archiveinbox ' +
    'archiverecoverableitemsroot archiverecoverableitemsdeletions archiverecoverableitemsversions archiverecoverableitemspurges ' +
    'archiverecoverableitemsdiscoveryholds syncissues conflicts localfailures serverfailures recipientcache quickcontacts ' +
    'conversationhistory adminauditlogs todosearch mycontacts directory imcontactlist peopleconnect favorites mecontact ' +
    'personmetadata teamspaceactivity teamspacemessaging teamspaceworkitems scheduled orionnotes tagitems alltaggeditems ' +
    'externalcontacts teamchat teamchathistory yammerroot yammerinbound yammeroutbound yammerfeeds onedriveroot ' +
    'onedriverecylebin onedrivesystem onedrivevolume important starred archive'
  ).split(' '),
);

/** Distinguished ids that live in the archive mailbox. */
export function isArchiveDistinguished(name: string): boolean {
  return name.startsWith('archive') && name !== 'archive';
}
