import { formatCount, plural } from '../lib/format';
import { useItemsStore } from '../stores/itemsStore';
import { selectedCount, useSelectionStore } from '../stores/selectionStore';

/** After Ctrl+A: offers to widen the selection to every matching item (a query job, not a list of ids). */
export function SelectAllBanner({ folderName }: { folderName: string }) {
  const selection = useSelectionStore((s) => s.selection);
  const allLoaded = useSelectionStore((s) => s.allLoaded);
  const selectAllMatching = useSelectionStore((s) => s.selectAllMatching);
  const clear = useSelectionStore((s) => s.clear);
  const total = useItemsStore((s) => s.total ?? 0);
  const count = selectedCount(selection, total);

  if (selection.kind === 'allMatching') {
    const excluded = selection.excludedIds.size;
    return (
      <div className="banner" role="status">
        All {plural(total, 'item')} matching in {folderName} are selected{excluded > 0 ? ` (except ${formatCount(excluded)})` : ''}.{' '}
        <button type="button" className="link-button" onClick={clear}>
          Clear selection
        </button>
      </div>
    );
  }
  // Shown even when every row is loaded: "all matching" is a query, not a list of ids, and so it
  // also covers items that arrive before the job runs.
  if (!allLoaded || count === 0) return null;
  return (
    <div className="banner" role="status">
      All {formatCount(count)} on screen are selected.{' '}
      <button type="button" className="link-button" onClick={selectAllMatching}>
        Select all {formatCount(total)} matching in this folder
      </button>
    </div>
  );
}
