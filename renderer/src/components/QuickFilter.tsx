// Quick filter over the open folder, with more filters behind a toggle; the server filters
// (ItemFilter), so it works on 100,000 items, and "select all matching" and query jobs use the
// same filter. A visible line says when a filter is active and how many conditions it holds.
import { useEffect, useState, type FormEvent } from 'react';
import { conditionCount, emptyDraft, hasAdvanced, toFilter, type FilterDraft } from '../lib/filterDraft';
import { useFoldersStore } from '../stores/foldersStore';
import { useItemsStore } from '../stores/itemsStore';
import { useSelectionStore } from '../stores/selectionStore';
import { AdvancedFilters } from './AdvancedFilters';

const TYPING_PAUSE_MS = 350;

const itemClasses: { value: string; label: string }[] = [
  { value: '', label: 'Any type' },
  { value: 'IPM.Note', label: 'Mail' },
  { value: 'IPM.Appointment', label: 'Appointment' },
  { value: 'IPM.Schedule.Meeting.Request', label: 'Meeting request' },
  { value: 'IPM.Contact', label: 'Contact' },
  { value: 'IPM.Task', label: 'Task' },
  { value: 'IPM.StickyNote', label: 'Note' },
];

export function QuickFilter() {
  const setFilter = useItemsStore((s) => s.setFilter);
  const folderId = useItemsStore((s) => s.view?.folderId);
  const activeFilter = useItemsStore((s) => s.view?.filter);
  const inDumpster = useFoldersStore((s) => (folderId ? s.byId.get(folderId)?.area === 'recoverable' : false));
  const clearSelection = useSelectionStore((s) => s.clear);
  const [draft, setDraft] = useState<FilterDraft>(emptyDraft);
  const [applied, setApplied] = useState<string>(JSON.stringify({}));
  const [showMore, setShowMore] = useState(false);

  const apply = (next: FilterDraft): void => {
    const filter = toFilter(next, inDumpster);
    const key = JSON.stringify(filter);
    if (key === applied) return;
    setApplied(key);
    clearSelection();
    setFilter(filter);
  };

  // Text fields apply after a pause in typing; the rest at once.
  useEffect(() => {
    const timer = setTimeout(() => apply(draft), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  });

  // Opening a folder starts an unfiltered view.
  useEffect(() => {
    setDraft(emptyDraft);
    setApplied(JSON.stringify({}));
  }, [folderId]);

  const update = (patch: Partial<FilterDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    apply(draft);
  };
  const conditions = activeFilter ? conditionCount(activeFilter) : 0;
  const moreOpen = showMore || hasAdvanced(draft);

  return (
    <form role="search" aria-label="Quick filter" className={`quick-filter${conditions > 0 ? ' filter-active' : ''}`} onSubmit={onSubmit}>
      <div className="quick-filter-row">
        <input
          type="search"
          aria-label="Subject contains"
          placeholder="Subject contains…"
          value={draft.text}
          onChange={(e) => update({ text: e.target.value })}
        />
        <input
          type="search"
          aria-label="Sender contains"
          placeholder="Sender contains…"
          value={draft.sender}
          onChange={(e) => update({ sender: e.target.value })}
        />
        <label className="inline">
          From
          <input type="date" value={draft.from} onChange={(e) => update({ from: e.target.value })} aria-label="Received from" />
        </label>
        <label className="inline">
          to
          <input type="date" value={draft.to} onChange={(e) => update({ to: e.target.value })} aria-label="Received to" />
        </label>
        <select aria-label="Item type" value={draft.itemClass} onChange={(e) => update({ itemClass: e.target.value })}>
          {itemClasses.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="button" aria-expanded={moreOpen} onClick={() => setShowMore(!moreOpen)} disabled={hasAdvanced(draft) && moreOpen}>
          {moreOpen ? 'Fewer filters' : 'More filters'}
        </button>
        <button type="button" onClick={() => setDraft(emptyDraft)} disabled={JSON.stringify(draft) === JSON.stringify(emptyDraft)}>
          Clear filter
        </button>
        <span className="filter-state" role="status">
          {conditions > 0 ? `Filter active: ${conditions} condition${conditions === 1 ? '' : 's'}` : ''}
        </span>
      </div>
      {moreOpen && <AdvancedFilters draft={draft} inDumpster={inDumpster} update={update} />}
    </form>
  );
}
