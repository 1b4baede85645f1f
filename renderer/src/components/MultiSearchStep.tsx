// Step 2 of "Many mailboxes": the filter (the item view's fields) and the preview, one row per
// mailbox filled in as each one answers, with the hits of a folder shown on demand. Nothing changes.
import { useState } from 'react';
import { emptyDraft, toFilter, type FilterDraft } from '../lib/filterDraft';
import { formatCount, formatDate, formatDuration, formatSize, plural } from '../lib/format';
import { previewTotals } from '../lib/multiMailbox';
import { useMultiMailboxStore } from '../stores/multiMailboxStore';
import { AdvancedFilters } from './AdvancedFilters';

const stateLabels = { searched: 'Searched', unreachable: 'Unreachable', failed: 'Search failed' } as const;

function HitsPanel() {
  const drill = useMultiMailboxStore((s) => s.drill);
  const more = useMultiMailboxStore((s) => s.moreHits);
  const close = useMultiMailboxStore((s) => s.closeDrill);
  if (!drill) return null;
  const name = `Hits in ${drill.mailbox}, ${drill.folder.displayName}`;
  return (
    <section aria-label={name} className="multi-drill">
      <h3>{name}</h3>
      {drill.error && <p role="alert">{drill.error}</p>}
      <table className="plain-table" aria-label={name}>
        <thead>
          <tr>
            <th scope="col">Subject</th>
            <th scope="col">From</th>
            <th scope="col">Received</th>
            <th scope="col" className="number">
              Size
            </th>
          </tr>
        </thead>
        <tbody>
          {drill.rows.map((r) => (
            <tr key={r.id}>
              <td>{r.subject}</td>
              <td>{r.from ?? ''}</td>
              <td>{formatDate(r.received)}</td>
              <td className="number">{formatSize(r.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {formatCount(drill.rows.length)} of {formatCount(drill.total)} shown{' '}
        {drill.rows.length < drill.total && (
          <button type="button" disabled={drill.loading} onClick={() => void more()}>
            Show more
          </button>
        )}{' '}
        <button type="button" onClick={close}>
          Close hits
        </button>
      </p>
    </section>
  );
}

export function MultiSearchStep() {
  const setup = useMultiMailboxStore((s) => s.setup);
  const search = useMultiMailboxStore((s) => s.search);
  const runSearch = useMultiMailboxStore((s) => s.runSearch);
  const cancelSearch = useMultiMailboxStore((s) => s.cancelSearch);
  const drillInto = useMultiMailboxStore((s) => s.drillInto);
  const goTo = useMultiMailboxStore((s) => s.goTo);
  const [draft, setDraft] = useState<FilterDraft>(emptyDraft);
  const update = (patch: Partial<FilterDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const totals = previewTotals(search?.rows ?? []);
  const finished = search !== undefined && !search.running;

  return (
    <section aria-label="Step 2: filters and preview" className="multi-step">
      <form
        className="quick-filter"
        aria-label="Filters"
        onSubmit={(e) => {
          e.preventDefault();
          void runSearch(toFilter(draft, setup.dumpster));
        }}
      >
        <label className="inline">
          Subject contains
          <input type="search" value={draft.text} onChange={(e) => update({ text: e.target.value })} />
        </label>
        <label className="inline">
          Sender contains
          <input type="search" value={draft.sender} onChange={(e) => update({ sender: e.target.value })} />
        </label>
        <fieldset className="filter-range">
          <legend>Received between</legend>
          <input type="date" aria-label="Received between: from" value={draft.from} onChange={(e) => update({ from: e.target.value })} />
          <input type="date" aria-label="Received between: to (inclusive)" value={draft.to} onChange={(e) => update({ to: e.target.value })} />
        </fieldset>
        <label className="inline">
          Item class
          <input value={draft.itemClass} placeholder="IPM.Note" onChange={(e) => update({ itemClass: e.target.value })} />
        </label>
        <AdvancedFilters draft={draft} inDumpster={setup.dumpster} update={update} />
        <button type="submit" className="primary" disabled={search?.running}>
          Search {plural(setup.mailboxes.length, 'mailbox', 'mailboxes')}
        </button>
        {search?.running && (
          <button type="button" onClick={() => void cancelSearch()}>
            Stop search
          </button>
        )}
      </form>
      {search && (
        <>
          <progress aria-label="Search progress" max={Math.max(1, search.total)} value={search.done} />
          <p role="status">
            {formatCount(search.done)} of {plural(search.total, 'mailbox', 'mailboxes')} searched
            {search.running && search.etaSeconds !== undefined ? `, about ${formatDuration(search.etaSeconds)} left` : ''}
            {finished ? `: ${plural(totals.hits, 'hit')} (${formatSize(totals.totalSize)}) in ${plural(totals.withHits, 'mailbox', 'mailboxes')}` : ''}
            {finished && totals.notSearched > 0 ? `; ${plural(totals.notSearched, 'mailbox', 'mailboxes')} not searched` : ''}
          </p>
          {search.error && <p role="alert">The search stopped: {search.error}</p>}
          <table className="plain-table" aria-label="Hits per mailbox">
            <thead>
              <tr>
                <th scope="col">Mailbox</th>
                <th scope="col">State</th>
                <th scope="col" className="number">
                  Hits
                </th>
                <th scope="col" className="number">
                  Size
                </th>
                <th scope="col">Sample subjects</th>
                <th scope="col">Folders</th>
              </tr>
            </thead>
            <tbody>
              {search.rows.map((r) => (
                <tr key={r.mailbox}>
                  <th scope="row">{r.mailbox}</th>
                  <td>
                    {stateLabels[r.state]}
                    {r.reason && <div className="hint">{r.reason}</div>}
                  </td>
                  <td className="number">{formatCount(r.hits)}</td>
                  <td className="number">{formatSize(r.totalSize)}</td>
                  <td>{r.sampleSubjects.join('; ')}</td>
                  <td>
                    {r.folders.map((f) => (
                      <button key={f.folderId} type="button" onClick={() => void drillInto(r.mailbox, f)}>
                        {f.displayName}
                        {f.part === 'archive' ? ' (archive)' : ''}: {formatCount(f.hits)}
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <HitsPanel />
      <div className="multi-nav">
        <button type="button" onClick={() => goTo(1)}>
          Back: mailboxes
        </button>
        <button type="button" className="primary" disabled={!finished || totals.hits === 0} onClick={() => goTo(3)}>
          Next: action
        </button>
      </div>
    </section>
  );
}
