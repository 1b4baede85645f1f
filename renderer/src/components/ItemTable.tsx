// The virtualized item grid: only the rows in view are in the DOM; the pages around the viewport
// are fetched first and the rest of the view loads in the background (see itemsStore). Keyboard
// and mouse selection follow Outlook.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ItemSort } from '../../../shared/domain';
import { formatCount } from '../lib/format';
import { useFoldersStore } from '../stores/foldersStore';
import { BACKGROUND_ROW_CAP, PAGE_SIZE, loadedRanges, rowAt, useItemsStore } from '../stores/itemsStore';
import { isRowSelected, useSelectionStore } from '../stores/selectionStore';
import { ItemContextMenu } from './ItemContextMenu';
import { dumpsterColumns, gridFeatures, gridTemplate, ipmColumns, sortFieldByColumn, type GridRow } from './itemColumns';
import { useItemActions } from './useItemActions';

const ROW_HEIGHT = 30;
/** Rows fetched beyond the viewport in each direction, so ordinary scrolling never shows a gap. */
const PREFETCH_ROWS = PAGE_SIZE / 2;

function nextSort(current: ItemSort, field: ItemSort['field']): ItemSort {
  if (current.field === field) return { field, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { field, direction: field === 'received' || field === 'size' ? 'desc' : 'asc' };
}

/** "Loading 45,000 of 100,000…" while the background load runs; silent to screen readers (it changes often). */
function LoadProgress() {
  const total = useItemsStore((s) => s.total);
  const loadedRows = useItemsStore((s) => s.loadedRows);
  const loading = useItemsStore((s) => s.backgroundLoading);
  if (!loading || total === undefined || total === 0) return null;
  const capped = total > BACKGROUND_ROW_CAP;
  return (
    <span className="grid-loading" aria-hidden="true">
      Loading {formatCount(loadedRows)} of {capped ? `the first ${formatCount(BACKGROUND_ROW_CAP)}` : formatCount(total)}…
    </span>
  );
}

/**
 * The rows on screen. `_pagesVersion` is part of the key, not of the computation: rowAt reads the
 * page cache, which answers differently whenever the version changes.
 */
function gridRows(
  virtualItems: readonly { index: number }[],
  inDumpster: boolean,
  bySourceKey: ReadonlyMap<string, { displayName: string }>,
  _pagesVersion: number,
): GridRow[] {
  return virtualItems.map(({ index }) => {
    const item = rowAt(index);
    const key = item?.lastActiveParentEntryId;
    const originalFolder = !inDumpster || !item ? undefined : key ? (bySourceKey.get(key)?.displayName ?? '(deleted folder)') : '';
    return { index, item, originalFolder };
  });
}

export function ItemTable({ folderName }: { folderName: string }) {
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const view = useItemsStore((s) => s.view);
  const total = useItemsStore((s) => s.total);
  const generation = useItemsStore((s) => s.generation);
  const pagesVersion = useItemsStore((s) => s.pagesVersion);
  const error = useItemsStore((s) => s.error);
  const ensureRange = useItemsStore((s) => s.ensureRange);
  const setSort = useItemsStore((s) => s.setSort);
  const folder = useFoldersStore((s) => (view ? s.byId.get(view.folderId) : undefined));
  const bySourceKey = useFoldersStore((s) => s.bySourceKey);
  const selection = useSelectionStore((s) => s.selection);
  const focusIndex = useSelectionStore((s) => s.focusIndex);
  const click = useSelectionStore((s) => s.click);
  const moveFocus = useSelectionStore((s) => s.moveFocus);
  const selectAllLoaded = useSelectionStore((s) => s.selectAllLoaded);
  const clearSelection = useSelectionStore((s) => s.clear);
  const actions = useItemActions();
  const [menu, setMenu] = useState<{ x: number; y: number } | undefined>(undefined);
  const closeMenu = useCallback(() => {
    setMenu(undefined);
    gridRef.current?.focus();
  }, []);
  const inDumpster = folder?.area === 'recoverable';
  const count = total ?? 0;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const first = virtualItems[0]?.index ?? 0;
  const last = virtualItems[virtualItems.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total !== undefined) ensureRange(Math.max(0, first - PREFETCH_ROWS), last + PREFETCH_ROWS + 1);
  }, [first, last, total, generation, ensureRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [generation]);

  // data-loaded-rows: the count of cached rows, kept in product markup on purpose. Nothing on
  // screen says when the background load has every page (the progress text also goes when the
  // load gives up), and e2e specs (big-folder, background-retry, resume, damaged-journal) and bench/ui.ts wait for
  // exactly that. It carries a number, no item data; written outside React so that background
  // page arrivals never re-render the grid.
  useEffect(() => {
    const publish = (loadedRows: number): void => gridRef.current?.setAttribute('data-loaded-rows', String(loadedRows));
    publish(useItemsStore.getState().loadedRows);
    return useItemsStore.subscribe((state, previous) => {
      if (state.loadedRows !== previous.loadedRows) publish(state.loadedRows);
    });
  }, []);

  const data = useMemo(() => gridRows(virtualItems, inDumpster, bySourceKey, pagesVersion), [virtualItems, inDumpster, bySourceKey, pagesVersion]);
  const table = useTable({ features: gridFeatures, columns: inDumpster ? dumpsterColumns : ipmColumns, data, getRowId: (row) => String(row.index) });
  const columns = table.getAllLeafColumns();
  const template = gridTemplate(columns.map((c) => ({ id: c.id, size: c.getSize() })));

  const focusRow = useCallback(
    (index: number, extend: boolean) => {
      const clamped = Math.max(0, Math.min(count - 1, index));
      if (count === 0) return;
      moveFocus(clamped, extend);
      virtualizer.scrollToIndex(clamped);
    },
    [count, moveFocus, virtualizer],
  );

  const runAction = (id: string): void => {
    const action = actions.find((a) => a.id === id);
    if (action?.enabled) action.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // Keys pressed on a sort button or in the context menu are theirs, not the grid's.
    if (event.target !== event.currentTarget) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const at = focusIndex ?? -1;
    if (event.key === 'ArrowDown') focusRow(at + 1, event.shiftKey);
    else if (event.key === 'ArrowUp') focusRow(at - 1, event.shiftKey);
    else if (event.key === 'PageDown') focusRow(at + page, event.shiftKey);
    else if (event.key === 'PageUp') focusRow(at - page, event.shiftKey);
    else if (event.key === 'Home') focusRow(0, event.shiftKey);
    else if (event.key === 'End') focusRow(count - 1, event.shiftKey);
    else if (event.key === ' ' && at >= 0) click(at, rowAt(at)?.id, { toggle: true, extend: false });
    else if (ctrl && event.key.toLowerCase() === 'a') selectAllLoaded(loadedRanges());
    else if (event.key === 'Escape') clearSelection();
    else if (event.key === 'Delete') runAction(event.shiftKey ? 'HardDelete' : 'MoveToDeletedItems');
    else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      const rect = gridRef.current?.getBoundingClientRect();
      setMenu({ x: (rect?.left ?? 0) + 80, y: (rect?.top ?? 0) + 60 });
    } else return;
    event.preventDefault();
  };

  const onRowClick = (event: MouseEvent, index: number): void => {
    click(index, rowAt(index)?.id, { toggle: event.ctrlKey || event.metaKey, extend: event.shiftKey });
    gridRef.current?.focus();
  };

  const onRowContextMenu = (event: MouseEvent, index: number): void => {
    event.preventDefault();
    if (!isRowSelected(selection, index, rowAt(index)?.id)) click(index, rowAt(index)?.id, { toggle: false, extend: false });
    setMenu({ x: event.clientX, y: event.clientY });
  };

  const sort = view?.sort;
  const activeRowId = focusIndex !== undefined && focusIndex >= first && focusIndex <= last ? `${gridId}-row-${focusIndex}` : undefined;

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label={`Items in ${folderName}`}
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      aria-multiselectable="true"
      aria-busy={total === undefined}
      aria-activedescendant={activeRowId}
      tabIndex={0}
      className="item-grid"
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row" style={{ gridTemplateColumns: template }}>
          {table.getHeaderGroups()[0]?.headers.map((header) => {
            const field = sortFieldByColumn[header.column.id];
            const sorted = field && sort?.field === field ? sort.direction : undefined;
            return (
              <div
                key={header.id}
                role="columnheader"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : field ? 'none' : undefined}
                className="grid-cell"
              >
                {field && sort ? (
                  <button type="button" className="sort-button" onClick={() => setSort(nextSort(sort, field))}>
                    <table.FlexRender header={header} />
                    <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                  </button>
                ) : (
                  <table.FlexRender header={header} />
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="grid-body">
        {total === 0 && <p className="grid-empty">No items{view && Object.keys(view.filter).length > 0 ? ' match the filter' : ' in this folder'}.</p>}
        {total === undefined && !error && <p className="grid-empty">Loading items…</p>}
        {error && (
          <p className="grid-empty" role="alert">
            Could not load items: {error}
          </p>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="presentation">
          {table.getRowModel().rows.map((row, i) => {
            const virtual = virtualItems[i];
            if (!virtual) return null;
            const { index, item } = row.original;
            const selected = item !== undefined && isRowSelected(selection, index, item.id);
            return (
              <div
                key={virtual.key}
                id={`${gridId}-row-${index}`}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={selected}
                aria-busy={item === undefined}
                className={[
                  'grid-row',
                  selected ? 'selected' : '',
                  index === focusIndex ? 'focused' : '',
                  item ? '' : 'loading',
                  item?.isRead === false ? 'unread' : '',
                  index % 2 ? 'odd' : '',
                ].join(' ')}
                style={{ transform: `translateY(${virtual.start}px)`, height: ROW_HEIGHT, gridTemplateColumns: template }}
                onClick={(event) => onRowClick(event, index)}
                onContextMenu={(event) => onRowContextMenu(event, index)}
              >
                {row.getAllCells().map((cell) => (
                  <div key={cell.id} role="gridcell" className={`grid-cell cell-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      <div className="grid-foot">
        <span aria-live="polite">{total !== undefined && `${formatCount(total)} items`}</span>
        <LoadProgress />
      </div>
      {menu && <ItemContextMenu x={menu.x} y={menu.y} actions={actions} onClose={closeMenu} />}
    </div>
  );
}
