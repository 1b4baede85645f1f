// Runs the EWS simulator and the Graph simulator on the same mailboxes. The first three lines are
// the EWS simulator's (endpoint, user, password), unchanged, so tools reading them keep working;
// the Graph lines follow.
import { DEMO_PASSWORD, startSimulator } from '../sim';
import { parseCliArgs, USAGE } from '../sim/cliArgs';
import { GRAPH_USAGE, splitGraphArgs } from './cliArgs';
import { DEMO_APP, startGraphSimulator } from './index';

async function main(): Promise<void> {
  let split;
  let ewsOptions;
  try {
    split = splitGraphArgs(process.argv.slice(2));
    ewsOptions = parseCliArgs(split.ews);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(GRAPH_USAGE);
    process.exit(2);
  }
  if (ewsOptions === 'help') {
    console.log(`${GRAPH_USAGE}\n\n${USAGE}`);
    return;
  }
  const ews = await startSimulator(ewsOptions);
  const graph = await startGraphSimulator({ ...split.graph, simulator: ews });
  const admin = ews.users[0];
  console.log(`EWS endpoint: ${ews.url}`);
  console.log(`user: ${admin?.smtp ?? ''}`);
  console.log(`password: ${admin?.password ?? DEMO_PASSWORD}`);
  console.log(`Graph endpoint: ${graph.graphUrl}`);
  console.log(`authority: ${graph.authority} (client id ${DEMO_APP.clientId}, tenant ${graph.tenantId})`);
  const stop = (): void => {
    void graph
      .close()
      .then(() => ews.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
