// A modal built on <dialog>: the browser traps focus, Escape closes it, and it has role "dialog"
// named by its heading.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The buttons row. */
  actions: ReactNode;
  wide?: boolean;
  /** 'report': as wide as the window allows, for tables with many columns. */
  size?: 'report';
}

export function Modal({ title, onClose, children, actions, wide, size }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    // Where focus was before the dialog opened; it goes back there when the dialog goes away (the
    // dialog is removed from the page before close() runs, so the browser cannot restore it itself).
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected && (!document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected)) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={['modal', wide ? 'modal-wide' : '', size ? `modal-${size}` : ''].join(' ').trim()}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      <div className="modal-body">{children}</div>
      <div className="modal-actions">{actions}</div>
    </dialog>
  );
}
