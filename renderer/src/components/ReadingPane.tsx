// The reading pane: headers, origin and body of the one selected item, so an admin can check an
// item before purging it. Nothing in it can run script or fetch anything: plain text is shown as
// text, and an HTML body is first cleaned of everything that could load (lib/bodySanitiser.ts),
// then shown inside a frame sandboxed without scripts or same-origin, whose own CSP lets nothing
// load (lib/readingPane.ts).
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ItemDetails } from '../../../shared/domain';
import { errorMessage, sweeper } from '../lib/api';
import { cleanBody } from '../lib/bodySanitiser';
import { folderPath } from '../lib/folderTree';
import { formatDate, formatSize, itemTypeLabel } from '../lib/format';
import { blockedNote, formatPeople, formatPerson, formatRetentionTag, sandboxedDocument } from '../lib/readingPane';
import { useFoldersStore } from '../stores/foldersStore';
import { rowAt, useItemsStore } from '../stores/itemsStore';
import { useSelectionStore } from '../stores/selectionStore';

type BodyFormat = 'text' | 'html';
type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; details: ItemDetails };

/** The id of the one selected item, or undefined when none or several are selected. */
function useSingleSelectedId(): string | undefined {
  const selection = useSelectionStore((s) => s.selection);
  // Re-read when pages arrive: the selected row may not have been loaded yet.
  useItemsStore((s) => s.pagesVersion);
  if (selection.kind !== 'ranges' || selection.ranges.length !== 1) return undefined;
  const [only] = selection.ranges;
  if (!only || only.end - only.start !== 1) return undefined;
  return rowAt(only.start)?.id;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  if (children === undefined || children === '' || children === null) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function OriginalFolder({ entryId }: { entryId: string | undefined }) {
  const bySourceKey = useFoldersStore((s) => s.bySourceKey);
  const byId = useFoldersStore((s) => s.byId);
  if (!entryId) return null;
  const home = bySourceKey.get(entryId);
  return <Field label="Original folder">{home ? folderPath(home, byId) : 'a deleted folder'}</Field>;
}

function HtmlBody({ html }: { html: string }) {
  // Cleaned before it reaches the frame: the frame's CSP alone lost races to the preload scanner.
  const clean = useMemo(() => cleanBody(html), [html]);
  const note = blockedNote(clean.blocked);
  return (
    <>
      {note && (
        <p className="muted" role="note">
          {note}
        </p>
      )}
      <iframe
        className="reading-body-frame"
        title="Message body (HTML, sandboxed)"
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={sandboxedDocument(clean.html)}
      />
    </>
  );
}

function Body({ details }: { details: ItemDetails }) {
  const body = details.body;
  if (!body || body.content === '') return <p className="muted">No body.</p>;
  const note = body.truncated ? <p className="muted">Exchange cut this body short.</p> : null;
  if (body.format === 'text') {
    return (
      <>
        {note}
        <pre className="reading-body-text" aria-label="Message body">
          {body.content}
        </pre>
      </>
    );
  }
  return (
    <>
      {note}
      <HtmlBody html={body.content} />
    </>
  );
}

export function ReadingPane() {
  const itemId = useSingleSelectedId();
  const folderId = useItemsStore((s) => s.view?.folderId);
  const inDumpster = useFoldersStore((s) => (folderId ? s.byId.get(folderId)?.area === 'recoverable' : false));
  const [format, setFormat] = useState<BodyFormat>('text');
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);

  useEffect(() => {
    if (itemId === undefined) {
      setLoaded(undefined);
      return;
    }
    let current = true;
    setLoaded({ state: 'loading' });
    sweeper()
      .getItemDetails({ itemId, body: format })
      .then((details) => current && setLoaded({ state: 'ready', details }))
      .catch((error: unknown) => current && setLoaded({ state: 'error', message: errorMessage(error) }));
    return () => {
      current = false;
    };
  }, [itemId, format]);

  return (
    <aside className="reading-pane" aria-label="Reading pane">
      {itemId === undefined && <p className="muted">Select one item to read it here.</p>}
      {loaded?.state === 'loading' && <p className="muted">Loading the item…</p>}
      {loaded?.state === 'error' && <p role="alert">Could not read the item: {loaded.message}</p>}
      {loaded?.state === 'ready' && (
        <>
          <h3 className="reading-subject">{loaded.details.subject || '(no subject)'}</h3>
          <dl className="reading-headers">
            <Field label="From">{formatPerson(loaded.details.from)}</Field>
            <Field label="To">{formatPeople(loaded.details.to, 0)}</Field>
            <Field label="Cc">{formatPeople(loaded.details.cc, 0)}</Field>
            {loaded.details.recipientsOmitted > 0 && <Field label="Not listed">{`${loaded.details.recipientsOmitted} more recipients`}</Field>}
            <Field label="Sent">{formatDate(loaded.details.sent)}</Field>
            <Field label="Received">{formatDate(loaded.details.received)}</Field>
            {inDumpster && <Field label="Deleted">{formatDate(loaded.details.lastModified)}</Field>}
            <Field label="Type">{itemTypeLabel(loaded.details.itemClass)}</Field>
            <Field label="Size">{loaded.details.size === undefined ? '' : formatSize(loaded.details.size)}</Field>
            <Field label="Importance">{loaded.details.importance}</Field>
            <Field label="Read">{loaded.details.isRead === undefined ? '' : loaded.details.isRead ? 'Read' : 'Unread'}</Field>
            <Field label="Categories">{loaded.details.categories.join(', ')}</Field>
            <Field label="Message-ID">{loaded.details.messageId}</Field>
            <Field label="Retention tag">
              {loaded.details.retentionTag ? `${formatRetentionTag(loaded.details.retentionTag)} (tag GUID; its name is not known here)` : ''}
            </Field>
            <OriginalFolder entryId={loaded.details.lastActiveParentEntryId} />
          </dl>
          <div className="reading-body-format" role="radiogroup" aria-label="Show body as">
            <label className="inline">
              <input type="radio" name="reading-body-format" checked={format === 'text'} onChange={() => setFormat('text')} />
              Plain text
            </label>
            <label className="inline">
              <input type="radio" name="reading-body-format" checked={format === 'html'} onChange={() => setFormat('html')} />
              HTML (sandboxed, nothing loads)
            </label>
          </div>
          <Body details={loaded.details} />
        </>
      )}
    </aside>
  );
}
