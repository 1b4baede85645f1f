// Help → Trace: the recent EWS requests and answers as the main process recorded them (secrets
// already redacted there), newest last, each opening to its headers and indented XML. The
// entries live only in this dialog's state.
import { useCallback, useEffect, useState } from 'react';
import type { TraceEntry } from '../../../shared/ipc';
import { errorMessage, sweeper } from '../lib/api';
import { prettyXml } from '../lib/prettyXml';
import { useTraceStore } from '../stores/traceStore';
import { Modal } from './Modal';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

function summaryOf(entry: TraceEntry): string {
  return [
    formatTime(entry.at),
    entry.operation,
    entry.status === undefined ? 'no answer' : `HTTP ${entry.status}`,
    entry.ms === undefined ? '' : `${entry.ms} ms`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The whole trace as text, for pasting into a ticket. */
function traceText(entries: readonly TraceEntry[]): string {
  return entries
    .map((entry) =>
      [
        `=== ${entry.at} ${entry.operation} ${entry.status ?? 'no answer'}${entry.ms === undefined ? '' : ` ${entry.ms} ms`}`,
        '--- request',
        headerLines(entry.requestHeaders),
        '',
        prettyXml(entry.requestXml),
        '--- response',
        headerLines(entry.responseHeaders),
        '',
        entry.responseXml === undefined ? '(no body)' : prettyXml(entry.responseXml),
      ].join('\n'),
    )
    .join('\n\n');
}

export function TraceDialog() {
  const hide = useTraceStore((s) => s.hide);
  const [entries, setEntries] = useState<TraceEntry[]>([]);
  const [loading, setLoading] = useState(true);
  const [message, setMessage] = useState<string | undefined>();

  const refresh = useCallback(async (): Promise<void> => {
    setLoading(true);
    try {
      setEntries(await sweeper().getTrace());
      setMessage(undefined);
    } catch (error) {
      setMessage(`Could not read the trace: ${errorMessage(error)}`);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const clear = async (): Promise<void> => {
    try {
      await sweeper().clearTrace();
      setEntries([]);
      setMessage('The trace was cleared.');
    } catch (error) {
      setMessage(`Could not clear the trace: ${errorMessage(error)}`);
    }
  };
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(traceText(entries));
      setMessage(`Copied ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} to the clipboard.`);
    } catch (error) {
      setMessage(`Could not copy: ${errorMessage(error)}`);
    }
  };

  return (
    <Modal
      title="Trace"
      size="report"
      onClose={hide}
      actions={
        <>
          <button type="button" onClick={() => void refresh()} disabled={loading}>
            Refresh
          </button>
          <button type="button" onClick={() => void clear()} disabled={entries.length === 0}>
            Clear
          </button>
          <button type="button" onClick={() => void copy()} disabled={entries.length === 0}>
            Copy
          </button>
          <button type="button" className="primary" onClick={hide}>
            Close
          </button>
        </>
      }
    >
      <p className="hint">
        The requests this app sent to Exchange and the answers, newest last. Passwords and tokens are removed before they reach this window.
      </p>
      {message && <p role="status">{message}</p>}
      {!loading && entries.length === 0 && <p>No requests recorded yet.</p>}
      <ol className="trace-list" aria-label="Trace entries">
        {entries.map((entry, index) => (
          <li key={`${index}-${entry.at}`} className={`trace-entry ${entry.status !== undefined && entry.status < 400 ? 'trace-ok' : 'trace-failed'}`}>
            <details>
              <summary>{summaryOf(entry)}</summary>
              <TracePart title="Request" headers={entry.requestHeaders} xml={entry.requestXml} />
              <TracePart title="Response" headers={entry.responseHeaders} xml={entry.responseXml} />
            </details>
          </li>
        ))}
      </ol>
    </Modal>
  );
}

function TracePart({ title, headers, xml }: { title: string; headers: Record<string, string>; xml: string | undefined }) {
  return (
    <section className="trace-part" aria-label={title}>
      <h3>{title}</h3>
      <pre className="trace-headers">{headerLines(headers) || '(no headers)'}</pre>
      <pre className="trace-xml">{xml === undefined || xml === '' ? '(no body)' : prettyXml(xml)}</pre>
    </section>
  );
}
