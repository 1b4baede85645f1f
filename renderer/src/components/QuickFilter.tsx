// Quick filter over the open folder; the server filters (ItemFilter), so it works on 100,000 items.
import { useEffect, useState, type FormEvent } from 'react';
import type { ItemFilter } from '../../../shared/domain';
import { useItemsStore } from '../stores/itemsStore';
import { useSelectionStore } from '../stores/selectionStore';

interface FilterDraft {
  text: string;
  sender: string;
  from: string;
  to: string;
  itemClass: string;
}

const emptyDraft: FilterDraft = { text: '', sender: '', from: '', to: '', itemClass: '' };
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

/** A local calendar day as the ISO instant it starts at. */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + plusDays).toISOString();
}

function toFilter(draft: FilterDraft): ItemFilter {
  const filter: ItemFilter = {};
  if (draft.text.trim()) filter.subjectContains = draft.text.trim();
  if (draft.sender.trim()) filter.senderContains = draft.sender.trim();
  const after = dayStart(draft.from);
  const before = dayStart(draft.to, 1);
  if (after) filter.receivedAfter = after;
  if (before) filter.receivedBefore = before;
  if (draft.itemClass) filter.itemClass = draft.itemClass;
  return filter;
}

export function QuickFilter() {
  const setFilter = useItemsStore((s) => s.setFilter);
  const folderId = useItemsStore((s) => s.view?.folderId);
  const clearSelection = useSelectionStore((s) => s.clear);
  const [draft, setDraft] = useState<FilterDraft>(emptyDraft);
  const [applied, setApplied] = useState<string>(JSON.stringify({}));

  const apply = (next: FilterDraft): void => {
    const filter = toFilter(next);
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

  return (
    <form role="search" aria-label="Quick filter" className="quick-filter" onSubmit={onSubmit}>
      <input type="search" aria-label="Subject contains" placeholder="Subject contains…" value={draft.text} onChange={(e) => update({ text: e.target.value })} />
      <input type="search" aria-label="Sender contains" placeholder="Sender contains…" value={draft.sender} onChange={(e) => update({ sender: e.target.value })} />
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
      <button type="button" onClick={() => setDraft(emptyDraft)} disabled={JSON.stringify(draft) === JSON.stringify(emptyDraft)}>
        Clear filter
      </button>
    </form>
  );
}
