import { demoDeleteAndRecover } from '../support/demoFlow';
import { test } from '../support/harness';

// The same first run the Electron suite makes, on the service's own embedded demo mailbox (the
// default one, as `npm start` opens it), in the browser harness.
test('a newcomer opens the demo mailbox, soft-deletes three items and recovers one', async ({ page, harness }) => {
  test.setTimeout(120_000);
  void harness;
  await demoDeleteAndRecover(page);
});
