// EWS's FindItem returns at most 1000 items a page (IndexedPageItemView; EWS-FACTS §3, FindItem),
// so the app pages item lists by that much on both sides of the IPC: the renderer asks for pages
// of this size and the main process refuses larger ones. The EWS client and the simulator keep
// their own copies of the limit on purpose (each side of the wire is written from the docs).
export const FIND_ITEM_PAGE_LIMIT = 1000;
