// Simulator throughput: how many items per second the embedded simulator serves over HTTP
// with throttling and latency off, for the two hot operations (listing pages of 1000 and
// hard-deleting batches of 1000). Client and simulator share this process, so the figure is
// end to end on one core-pair; the EWS client's own share is measured in bench/ewsClient.ts.
import { BasicAuth, EwsClient } from '../electron/ews';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator } from '../electron/sim';

const ITEMS = 50_000;
const BATCH = 1000;
const CONCURRENCY = 4;
const REPETITIONS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function run(): Promise<void> {
  const listRates: number[] = [];
  const deleteRates: number[] = [];
  for (let rep = 0; rep < REPETITIONS; rep++) {
    const sim = await startSimulator({ seed: 'empty', throttling: false });
    const client = new EwsClient({ url: sim.url, auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD), maxSockets: CONCURRENCY });
    try {
      const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
      if (!inbox) throw new Error('no inbox');
      const folder = sim.store.createFolder(inbox.id, 'Bench');
      sim.store.seedItems(folder.id, ITEMS, { subject: (i) => `Bench item ${i}` });

      let start = performance.now();
      let listed = 0;
      for await (const page of client.findAllItems({ folder: { id: folder.id } })) {
        if (!page.ok) throw new Error(page.status.responseCode);
        listed += page.value.items.length;
      }
      listRates.push(listed / ((performance.now() - start) / 1000));

      const ids = sim.store.folderItems(folder.id).map((i) => ({ id: i.id }));
      const batches: { id: string }[][] = [];
      for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
      start = performance.now();
      let deleted = 0;
      const worker = async (): Promise<void> => {
        for (let batch = batches.shift(); batch; batch = batches.shift()) {
          const results = await client.deleteItem({ items: batch, deleteType: 'HardDelete' });
          deleted += results.filter((r) => r.ok).length;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      deleteRates.push(deleted / ((performance.now() - start) / 1000));
      if (deleted !== ITEMS || listed !== ITEMS) throw new Error(`expected ${ITEMS}, listed ${listed}, deleted ${deleted}`);
    } finally {
      client.close();
      await sim.close();
    }
  }
  console.log('Simulator throughput (client and simulator in one process, 127.0.0.1, throttling and latency off)');
  console.log(
    `  method: ${ITEMS} items in one folder, ${REPETITIONS} repetitions, median; FindItem pages of ${BATCH} in sequence; HardDelete batches of ${BATCH}, ${CONCURRENCY} in flight`,
  );
  console.log(
    `  FindItem listing:   ${Math.round(median(listRates)).toLocaleString('en-US')} items/s   (runs: ${listRates.map((r) => Math.round(r)).join(', ')})`,
  );
  console.log(
    `  DeleteItem (hard):  ${Math.round(median(deleteRates)).toLocaleString('en-US')} items/s   (runs: ${deleteRates.map((r) => Math.round(r)).join(', ')})`,
  );
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
