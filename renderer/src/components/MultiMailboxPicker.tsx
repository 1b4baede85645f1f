// Step 1 of "Many mailboxes": which mailboxes (pasted list or CSV, groups, names found as the admin
// types), which parts and which folders. Entries that cannot be used stay listed with their reason.
import { useEffect, useState, type ChangeEvent } from 'react';
import { MULTI_FOLDER_NAMES } from '../../../shared/multiIpc';
import type { NameSuggestion } from '../../../shared/multiIpc';
import { sweeper } from '../lib/api';
import { folderLabels, setupProblem } from '../lib/multiMailbox';
import { useDirectoryAccessStore } from '../stores/directoryAccessStore';
import { useMultiMailboxStore } from '../stores/multiMailboxStore';
import { DirectoryAccessNotice } from './DirectoryAccessNotice';

const TYPING_PAUSE_MS = 300;

function NameFinder({ onPick }: { onPick: (s: NameSuggestion) => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<NameSuggestion[]>([]);
  useEffect(() => {
    if (query.trim().length < 2) {
      setFound([]);
      return undefined;
    }
    let live = true;
    const timer = setTimeout(() => {
      sweeper()
        .multiSuggestNames({ query: query.trim() })
        .then((list) => live && setFound(list))
        .catch(() => {
          if (!live) return;
          setFound([]);
          // A name the directory could not look up: the connection may need directory access first.
          void useDirectoryAccessStore.getState().check();
        });
    }, TYPING_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  return (
    <div className="name-finder">
      <label>
        Find a mailbox or group by name
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      </label>
      {found.length > 0 && (
        <ul role="listbox" aria-label="Directory matches">
          {found.map((s) => (
            <li
              key={s.smtp}
              role="option"
              aria-selected="false"
              tabIndex={0}
              onClick={() => {
                onPick(s);
                setQuery('');
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  onPick(s);
                  setQuery('');
                }
              }}
            >
              {s.name ? `${s.name} <${s.smtp}>` : s.smtp}
              {s.kind === 'group' && <span className="tag">group</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function MultiMailboxPicker() {
  const setup = useMultiMailboxStore((s) => s.setup);
  const choosing = useMultiMailboxStore((s) => s.choosing);
  const choose = useMultiMailboxStore((s) => s.choose);
  const update = useMultiMailboxStore((s) => s.updateSetup);
  const remove = useMultiMailboxStore((s) => s.removeMailbox);
  const goTo = useMultiMailboxStore((s) => s.goTo);
  const [text, setText] = useState('');
  const [groups, setGroups] = useState('');
  const problem = setupProblem(setup);

  const add = (): void => {
    const groupList = groups
      .split(/[,;\n]+/)
      .map((g) => g.trim())
      .filter((g) => g !== '');
    void choose({ ...(text.trim() ? { text } : {}), ...(groupList.length > 0 ? { groups: groupList } : {}) }).then(() => {
      setText('');
      setGroups('');
      // Groups are the directory's: when one was not used, ask whether directory access is missing.
      if (groupList.length > 0 && useMultiMailboxStore.getState().setup.problems.length > 0) void useDirectoryAccessStore.getState().check();
    });
  };
  const loadFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    if (file) void file.text().then((content) => void choose({ text: content }));
    event.target.value = '';
  };
  const toggleFolder = (name: (typeof MULTI_FOLDER_NAMES)[number], on: boolean): void =>
    update({ names: on ? [...setup.names, name] : setup.names.filter((n) => n !== name) });

  return (
    <section aria-label="Step 1: mailboxes" className="multi-step">
      <div className="multi-sources">
        <label>
          Mailboxes (addresses, one a line, or a CSV export)
          <textarea rows={5} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          Distribution groups (their members, through nested groups)
          <input value={groups} onChange={(e) => setGroups(e.target.value)} placeholder="all-staff@contoso.com" />
        </label>
        <label className="inline">
          Load a CSV file
          <input type="file" accept=".csv,.txt,text/csv,text/plain" onChange={loadFile} />
        </label>
        <button type="button" onClick={add} disabled={choosing || (!text.trim() && !groups.trim())}>
          {choosing ? 'Adding…' : 'Add mailboxes'}
        </button>
        <NameFinder onPick={(s) => void choose(s.kind === 'group' ? { groups: [s.smtp] } : { text: s.smtp })} />
        <DirectoryAccessNotice />
      </div>
      <h3>{setup.mailboxes.length === 1 ? '1 mailbox' : `${setup.mailboxes.length} mailboxes`}</h3>
      <ul aria-label="Chosen mailboxes" className="multi-mailbox-list">
        {setup.mailboxes.map((m) => (
          <li key={m}>
            {m}{' '}
            <button type="button" aria-label={`Remove ${m}`} onClick={() => remove(m)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {setup.problems.length > 0 && (
        <>
          <h3>Not used</h3>
          <ul aria-label="Entries not used" className="multi-problems">
            {setup.problems.map((p) => (
              <li key={`${p.entry}\n${p.reason}`}>
                <strong>{p.entry}</strong>: {p.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <fieldset>
        <legend>Mailbox parts</legend>
        {(['primary', 'archive', 'both'] as const).map((part) => (
          <label key={part} className="inline">
            <input type="radio" name="multi-parts" checked={setup.parts === part} onChange={() => update({ parts: part })} />
            {part === 'primary' ? 'Primary mailbox' : part === 'archive' ? 'Archive mailbox' : 'Primary and archive'}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Folders</legend>
        <label className="inline">
          <input type="radio" name="multi-folders" checked={setup.folders === 'allMail'} onChange={() => update({ folders: 'allMail' })} />
          All mail folders
        </label>
        <label className="inline">
          <input type="radio" name="multi-folders" checked={setup.folders === 'named'} onChange={() => update({ folders: 'named' })} />
          These folders
        </label>
        {setup.folders === 'named' && (
          <div role="group" aria-label="Named folders">
            {MULTI_FOLDER_NAMES.map((name) => (
              <label key={name} className="inline">
                <input type="checkbox" checked={setup.names.includes(name)} onChange={(e) => toggleFolder(name, e.target.checked)} />
                {folderLabels[name]}
              </label>
            ))}
            <label className="inline">
              <input type="checkbox" checked={setup.subfolders} onChange={(e) => update({ subfolders: e.target.checked })} />
              with their subfolders
            </label>
          </div>
        )}
        <label className="inline">
          <input type="checkbox" checked={setup.dumpster} onChange={(e) => update({ dumpster: e.target.checked })} />
          Recoverable Items (Deletions)
        </label>
      </fieldset>
      {problem && <p className="hint">{problem}</p>}
      <div className="multi-nav">
        <button type="button" className="primary" disabled={problem !== undefined} onClick={() => goTo(2)}>
          Next: filters
        </button>
      </div>
    </section>
  );
}
