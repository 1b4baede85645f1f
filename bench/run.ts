// `npm run bench`: runs every benchmark script in turn, each in its own process so that one
// figure's memory or JIT state never colours the next. Each script prints its own figures,
// how they were obtained, and its ratios against the targets.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const scripts = [
  'ewsClient.ts',
  'simThroughput.ts',
  'simScale.ts',
  'jobsThroughput.ts',
  'graphThroughput.ts',
  'multiMailbox.ts',
  'authThroughput.ts',
  'jobsMemory.ts',
];
const tsxCli = require.resolve('tsx/cli');
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== bench/${script} ===`);
  const result = spawnSync(process.execPath, [tsxCli, path.join(__dirname, script)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`bench/${script} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
