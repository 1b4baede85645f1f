// The Help menu in the main screen's header. Today it holds the trace viewer, which support asks
// for first when a server misbehaves.
import { useEffect, useRef, useState } from 'react';
import { useTraceStore } from '../stores/traceStore';

export function HelpMenu() {
  const [open, setOpen] = useState(false);
  const showTrace = useTraceStore((s) => s.show);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const closeOutside = (event: MouseEvent): void => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', closeOutside);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('mousedown', closeOutside);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);
  return (
    <div className="help-menu" ref={ref}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Help
      </button>
      {open && (
        <ul className="help-menu-list" role="menu" aria-label="Help">
          <li role="none">
            <button
              type="button"
              role="menuitem"
              autoFocus
              onClick={() => {
                setOpen(false);
                showTrace();
              }}
            >
              Trace…
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
