// `npm run sim`: starts the simulator and prints the endpoint and the demo credentials as the
// first three lines (other tools read them), then a short summary.
import { parseCliArgs, USAGE } from './cliArgs';
import { DEMO_PASSWORD, startSimulator } from './index';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const started = Date.now();
  const sim = await startSimulator(options);
  const admin = sim.users[0];
  console.log(`EWS endpoint: ${sim.url}`);
  console.log(`user: ${admin?.smtp ?? ''}`);
  console.log(`password: ${admin?.password ?? DEMO_PASSWORD}`);
  if (sim.certificateSha256 !== undefined) console.log(`certificate sha256: ${sim.certificateSha256}`);
  const policy = sim.throttling();
  console.log(
    `ready in ${Date.now() - started} ms; users: ${sim.users.map((u) => u.smtp).join(', ')} (same password; ${admin?.smtp} may impersonate the others)`,
  );
  console.log(
    policy.enabled
      ? `throttling: maxConcurrency ${policy.maxConcurrency}, itemCostMs ${policy.itemCostMs}, burstMs ${policy.burstMs}, rechargeMsPerSecond ${policy.rechargeMsPerSecond}`
      : 'throttling: off',
  );
  console.log(`autodiscover: ${sim.autodiscoverUrl}${sim.redirectUrl === undefined ? '' : ` (redirect method: ${sim.redirectUrl})`}`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
