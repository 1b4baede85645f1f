import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { ItemAction } from './useItemActions';

interface ItemContextMenuProps {
  x: number;
  y: number;
  actions: ItemAction[];
  onClose: () => void;
}

export function ItemContextMenu({ x, y, actions, onClose }: ItemContextMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const items = (): HTMLButtonElement[] => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];

  useEffect(() => {
    items()[0]?.focus();
    const onPointerDown = (event: PointerEvent): void => {
      if (!menuRef.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent): void => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown') list[(at + 1) % list.length]?.focus();
    else if (event.key === 'ArrowUp') list[(at - 1 + list.length) % list.length]?.focus();
    else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
  };

  // Keep the menu inside the window at 1280×800.
  const left = Math.min(x, window.innerWidth - 220);
  const top = Math.min(y, window.innerHeight - 40 * actions.length);
  return (
    <div ref={menuRef} role="menu" aria-label="Item actions" className="context-menu" style={{ left, top }} onKeyDown={onKeyDown}>
      {actions.map((action) => (
        <button
          key={action.id}
          type="button"
          role="menuitem"
          disabled={!action.enabled}
          onClick={() => {
            onClose();
            action.run();
          }}
        >
          <span>{action.label}</span>
          {action.shortcut && <kbd>{action.shortcut}</kbd>}
        </button>
      ))}
    </div>
  );
}
