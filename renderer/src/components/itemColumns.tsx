// Column definitions of the item table. Sorting and filtering happen on the server, so the table
// model only lays out the rows of the current viewport.
import { columnSizingFeature, createColumnHelper, tableFeatures } from '@tanstack/react-table';
import type { ItemRow, SortField } from '../../../shared/domain';
import { formatDate, formatSize, itemTypeLabel } from '../lib/format';

/** One rendered row: its index in the view and the item, once its page has arrived. */
export interface GridRow {
  index: number;
  item?: ItemRow;
  /** Dumpster only: where the item was deleted from. */
  originalFolder?: string;
}

export const gridFeatures = tableFeatures({ columnSizingFeature });
const column = createColumnHelper<typeof gridFeatures, GridRow>();

export const sortFieldByColumn: Readonly<Record<string, SortField>> = {
  subject: 'subject',
  from: 'from',
  received: 'received',
  size: 'size',
  type: 'itemClass',
  deleted: 'lastModified',
};

const subjectColumn = column.accessor((r) => r.item?.subject ?? '', {
  id: 'subject',
  header: 'Subject',
  size: 280,
  cell: (info) => {
    if (!info.row.original.item) return 'Loading…';
    return info.getValue() || <span className="muted no-subject">(no subject)</span>;
  },
});
const fromColumn = column.accessor((r) => r.item?.from ?? '', { id: 'from', header: 'From', size: 180 });
const receivedColumn = column.accessor((r) => r.item?.received, { id: 'received', header: 'Received', size: 190, cell: (info) => formatDate(info.getValue()) });
const sizeColumn = column.accessor((r) => r.item?.size, {
  id: 'size',
  header: 'Size',
  size: 80,
  cell: (info) => {
    const bytes = info.getValue();
    return bytes === undefined ? '' : formatSize(bytes);
  },
});
const typeColumn = column.accessor((r) => r.item?.itemClass ?? '', {
  id: 'type',
  header: 'Type',
  size: 110,
  cell: (info) => (info.getValue() ? itemTypeLabel(info.getValue()) : ''),
});
/** Unread, importance and categories as small marks, each with a name for screen readers. */
const flagsColumn = column.display({
  id: 'flags',
  header: () => <span className="visually-hidden">Read state, importance, categories</span>,
  size: 64,
  cell: (info) => {
    const item = info.row.original.item;
    if (!item) return '';
    return (
      <span className="item-flags">
        {item.isRead === false && (
          <span className="flag-unread" role="img" aria-label="Unread" title="Unread">
            ●
          </span>
        )}
        {item.importance === 'High' && (
          <span className="flag-high" role="img" aria-label="High importance" title="High importance">
            !
          </span>
        )}
        {item.importance === 'Low' && (
          <span className="flag-low" role="img" aria-label="Low importance" title="Low importance">
            ↓
          </span>
        )}
        {item.hasCategories && (
          <span className="flag-categories" role="img" aria-label="Has categories" title="Has categories">
            ◆
          </span>
        )}
      </span>
    );
  },
});
/** Recoverable Items: LastModifiedTime, which there is (about) when the item was deleted. */
const deletedColumn = column.accessor((r) => r.item?.lastModified, {
  id: 'deleted',
  header: 'Deleted',
  size: 190,
  cell: (info) => formatDate(info.getValue()),
});
const originalFolderColumn = column.accessor((r) => r.originalFolder ?? '', { id: 'originalFolder', header: 'Original folder', size: 170 });

export const ipmColumns = column.columns([flagsColumn, subjectColumn, fromColumn, receivedColumn, sizeColumn, typeColumn]);
export const dumpsterColumns = column.columns([
  flagsColumn,
  subjectColumn,
  fromColumn,
  receivedColumn,
  deletedColumn,
  sizeColumn,
  typeColumn,
  originalFolderColumn,
]);

/** CSS grid tracks from the column sizes; the subject column takes the spare width. */
export function gridTemplate(sizes: readonly { id: string; size: number }[]): string {
  return sizes.map(({ id, size }) => (id === 'subject' ? `minmax(${size}px, 1fr)` : `${size}px`)).join(' ');
}
