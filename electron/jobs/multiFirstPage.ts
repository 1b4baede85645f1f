// The first listing page of a mailbox's first job, fetched while the mailbox is planned (issue 11).
// Planning must know how many items a folder holds (folders without hits get no job); asked with
// exactly the request the job's listing starts with (keysetListing.ts listingRequest), the answer's
// count is that number and its rows are the job's first page. Held here, the page answers the job's
// own first request once, so a mailbox's start-up is one round trip shorter. Only the listing is
// served: every action still goes to the server. Safe as keyset paging's page ahead is safe: the
// page is answered before anything of its folder is acted on, and a job that never asks for it (a
// crash before its journal) lists its folder itself on resume.
import type { ItemPage } from '../../shared/domain';
import { forwardingBackend, type JobBackend, type ListItemsRequest } from './backend';

/** Two requests are the same listing when every field is: folder, filter, offset, size, order. */
function sameListing(a: ListItemsRequest, b: ListItemsRequest): boolean {
  return a.folderId === b.folderId && a.offset === b.offset && a.max === b.max && a.order === b.order && JSON.stringify(a.filter) === JSON.stringify(b.filter);
}

/** One page held for one backend (a mailbox part), served once, then dropped. */
export class FirstPageHolder {
  private held: { request: ListItemsRequest; page: ItemPage } | undefined;

  /** Holds `page`, the answer to `request`, in place of any page held before. */
  hold(request: ListItemsRequest, page: ItemPage): void {
    this.held = { request, page };
  }

  /** Drops the page if no job asked for it (the mailbox ended or stopped first). */
  drop(): void {
    this.held = undefined;
  }

  /** Whether a page is held (tests, and to hold only the first folder's). */
  get holding(): boolean {
    return this.held !== undefined;
  }

  /** `inner` with a listing that equals the held page's request answered from it, once. */
  serve(inner: JobBackend): JobBackend {
    const take = (req: ListItemsRequest): ItemPage | undefined => {
      const held = this.held;
      if (held === undefined || !sameListing(held.request, req)) return undefined;
      this.held = undefined;
      return held.page;
    };
    return {
      ...forwardingBackend(inner),
      listItems: (req, signal) => {
        const page = take(req);
        return page === undefined ? inner.listItems(req, signal) : Promise.resolve(page);
      },
    };
  }
}
