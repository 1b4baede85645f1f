// The filters beyond the quick ones: deleted dates (Recoverable Items only), sent dates,
// Message-ID, read state, categories, attachments and importance. All are applied by the server.
import type { FilterDraft } from '../lib/filterDraft';

interface Props {
  draft: FilterDraft;
  inDumpster: boolean;
  update: (patch: Partial<FilterDraft>) => void;
}

function DateRange({ label, from, to, onFrom, onTo }: { label: string; from: string; to: string; onFrom: (v: string) => void; onTo: (v: string) => void }) {
  return (
    <fieldset className="filter-range">
      <legend>{label}</legend>
      <input type="date" value={from} onChange={(e) => onFrom(e.target.value)} aria-label={`${label}: from`} />
      <span aria-hidden="true">–</span>
      <input type="date" value={to} onChange={(e) => onTo(e.target.value)} aria-label={`${label}: to (inclusive)`} />
    </fieldset>
  );
}

export function AdvancedFilters({ draft, inDumpster, update }: Props) {
  return (
    <div className="advanced-filters" role="group" aria-label="More filters">
      {inDumpster && (
        <DateRange
          label="Deleted between"
          from={draft.deletedFrom}
          to={draft.deletedTo}
          onFrom={(v) => update({ deletedFrom: v })}
          onTo={(v) => update({ deletedTo: v })}
        />
      )}
      <DateRange label="Sent between" from={draft.sentFrom} to={draft.sentTo} onFrom={(v) => update({ sentFrom: v })} onTo={(v) => update({ sentTo: v })} />
      <label className="inline">
        Message-ID
        <input type="search" value={draft.messageId} placeholder="<id@host> (exact)" onChange={(e) => update({ messageId: e.target.value })} />
      </label>
      <select aria-label="Read state" value={draft.read} onChange={(e) => update({ read: e.target.value as FilterDraft['read'] })}>
        <option value="">Read or unread</option>
        <option value="unread">Unread only</option>
        <option value="read">Read only</option>
      </select>
      <select aria-label="Categories" value={draft.categories} onChange={(e) => update({ categories: e.target.value as FilterDraft['categories'] })}>
        <option value="">With or without categories</option>
        <option value="yes">Has categories</option>
        <option value="no">No categories</option>
      </select>
      <select aria-label="Attachments" value={draft.attachments} onChange={(e) => update({ attachments: e.target.value as FilterDraft['attachments'] })}>
        <option value="">With or without attachments</option>
        <option value="yes">Has attachments</option>
        <option value="no">No attachments</option>
      </select>
      <select aria-label="Importance" value={draft.importance} onChange={(e) => update({ importance: e.target.value as FilterDraft['importance'] })}>
        <option value="">Any importance</option>
        <option value="High">High importance</option>
        <option value="Normal">Normal importance</option>
        <option value="Low">Low importance</option>
      </select>
    </div>
  );
}
