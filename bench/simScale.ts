// Simulator scale: how long the simulators take to build a million items in one folder and to page
// it, the figures test/sim/scale.test.ts and test/simGraph/scale.test.ts check the behaviour of
// (a wall-clock limit in a unit test fails on a loaded machine without anything being wrong, so
// the speed targets live here). EWS: the build, a FindItem page at offset 999,500, and five pages
// of a million items sorted by size once the sorted order is cached; Graph: $top=1000 pages at
// the start, middle and end of the same folder. Client and simulator share this process.
//   npx tsx bench/simScale.ts      (env: ITEMS=1000000 REPS=3)
import { DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../electron/sim';
import { startGraphSimulator } from '../electron/simGraph';

const ITEMS = Number(process.env.ITEMS ?? 1_000_000);
const REPS = Number(process.env.REPS ?? 3);
const ADMIN = 'admin@contoso.com';
const PAGE = 1000;
/** The targets the unit tests used to assert (ms), kept as the bench's yardstick. */
const TARGET = { build: 8_000, lastPage: 1_000, fiveSortedPages: 1_500, graphPage: 1_500 };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/** A hand-written FindItem (IdOnly) with an indexed page and an optional sort order. */
function findItem(folderId: string, offset: number, sortBySize: boolean): string {
  const sort = sortBySize ? '<m:SortOrder><t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="item:Size"/></t:FieldOrder></m:SortOrder>' : '';
  return (
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"' +
    ' xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
    '<soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/></soap:Header><soap:Body>' +
    `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>` +
    `<m:IndexedPageItemView MaxEntriesReturned="${PAGE}" Offset="${offset}" BasePoint="Beginning"/>${sort}` +
    `<m:ParentFolderIds><t:FolderId Id="${folderId}"/></m:ParentFolderIds></m:FindItem></soap:Body></soap:Envelope>`
  );
}

/** Sends a FindItem page and returns how many item ids it carried (throws on anything but 200). */
async function ewsPage(sim: RunningSimulator, folderId: string, offset: number, sortBySize: boolean): Promise<number> {
  const res = await fetch(sim.url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', authorization: `Basic ${Buffer.from(`${ADMIN}:${DEMO_PASSWORD}`).toString('base64')}` },
    body: findItem(folderId, offset, sortBySize),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`FindItem answered HTTP ${res.status}`);
  return text.match(/<t:ItemId /g)?.length ?? 0;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

interface Figures {
  build: number;
  lastPage: number;
  fiveSortedPages: number;
  graphPages: number[];
}

async function once(): Promise<Figures> {
  const built = await timed(() => startSimulator({ seed: 'empty', bulkItems: ITEMS, throttling: false }));
  const sim = built.value;
  try {
    const bulk = sim.store.folderByPath(ADMIN, 'Inbox/Bulk notifications');
    if (bulk?.totalCount !== ITEMS) throw new Error(`expected ${ITEMS} items, found ${bulk?.totalCount ?? 'no folder'}`);
    const lastOffset = ITEMS - PAGE / 2;
    const last = await timed(() => ewsPage(sim, bulk.id, lastOffset, false));
    if (last.value !== PAGE / 2) throw new Error(`the last page carried ${last.value} ids`);
    await ewsPage(sim, bulk.id, 0, true); // sorts once and caches the order
    const sorted = await timed(async () => {
      for (let offset = PAGE; offset < 6 * PAGE; offset += PAGE) {
        const n = await ewsPage(sim, bulk.id, offset, true);
        if (n !== PAGE) throw new Error(`a sorted page carried ${n} ids`);
      }
    });

    const graph = await startGraphSimulator({ simulator: sim, throttling: false });
    const graphPages: number[] = [];
    try {
      const token = graph.mintAccessToken({ user: ADMIN });
      const headers = { authorization: `Bearer ${token}` };
      const folders = (await (await fetch(`${graph.graphUrl}/me/mailFolders/inbox/childFolders`, { headers })).json()) as {
        value: { id: string; displayName: string }[];
      };
      const folder = folders.value.find((f) => f.displayName === 'Bulk notifications');
      if (!folder) throw new Error('Graph does not list the bulk folder');
      for (const skip of [0, ITEMS / 2, ITEMS - PAGE]) {
        const page = await timed(async () => {
          const res = await fetch(`${graph.graphUrl}/me/mailFolders/${folder.id}/messages?$top=${PAGE}&$skip=${skip}&$select=subject,receivedDateTime`, {
            headers,
          });
          return ((await res.json()) as { value?: unknown[] }).value?.length ?? 0;
        });
        if (page.value !== PAGE) throw new Error(`a Graph page at $skip=${skip} carried ${page.value} messages`);
        graphPages.push(page.ms);
      }
    } finally {
      await graph.close();
    }
    return { build: built.ms, lastPage: last.ms, fiveSortedPages: sorted.ms, graphPages };
  } finally {
    await sim.close();
  }
}

async function run(): Promise<void> {
  const runs: Figures[] = [];
  for (let rep = 0; rep < REPS; rep++) runs.push(await once());
  const line = (label: string, values: number[], target: number): void => {
    const m = median(values);
    console.log(
      `  ${label.padEnd(46)} ${Math.round(m).toLocaleString('en-US').padStart(7)} ms   target ≤ ${target.toLocaleString('en-US')} ms (${((m / target) * 100).toFixed(0)} % of it)`,
    );
  };
  console.log(`Simulator scale (${ITEMS.toLocaleString('en-US')} items in one folder; client and simulator in one process, throttling off)`);
  console.log(`  method: ${REPS} repetitions, median; pages of ${PAGE}, IdOnly (EWS) and subject + receivedDateTime (Graph)`);
  line(
    'EWS: build the simulator with the folder',
    runs.map((r) => r.build),
    TARGET.build,
  );
  line(
    `EWS: FindItem page at offset ${(ITEMS - PAGE / 2).toLocaleString('en-US')}`,
    runs.map((r) => r.lastPage),
    TARGET.lastPage,
  );
  line(
    'EWS: five pages sorted by size (order cached)',
    runs.map((r) => r.fiveSortedPages),
    TARGET.fiveSortedPages,
  );
  ['start', 'middle', 'end'].forEach((where, i) =>
    line(
      `Graph: $top=${PAGE} page at the ${where}`,
      runs.map((r) => r.graphPages[i] ?? NaN),
      TARGET.graphPage,
    ),
  );
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
