// Flags of the Graph simulator's command line; every other flag is the EWS simulator's.
import type { GraphSimulatorOptions } from './index';

export const GRAPH_USAGE = `npx tsx electron/simGraph/cli.ts [EWS simulator flags, see npm run sim -- --help] [Graph flags]
  --graph-port N            Graph and authority listen port on 127.0.0.1 (default 0 = any free port)
  --graph-tls               HTTPS with a generated certificate (MSAL accepts only https authorities)
  --graph-latency-ms N      latency added to every mailbox request (makes the 4-concurrent limit reachable)
  --no-graph-throttle       switch the Outlook limits off
  --auto-approve USER       sign USER in at /authorize without the sign-in page`;

export interface SplitArgs {
  graph: Omit<GraphSimulatorOptions, 'simulator' | 'simulatorOptions'>;
  ews: string[];
}

export function splitGraphArgs(argv: readonly string[]): SplitArgs {
  const graph: SplitArgs['graph'] = {};
  const ews: string[] = [];
  const number = (flag: string, text: string | undefined): number => {
    const n = Number(text);
    if (text === undefined || text.trim() === '' || !Number.isFinite(n)) throw new Error(`${flag} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--graph-port') graph.port = number(flag, argv[++i]);
    else if (flag === '--graph-tls') graph.tls = true;
    else if (flag === '--graph-latency-ms') graph.latencyMs = number(flag, argv[++i]);
    else if (flag === '--no-graph-throttle') graph.throttling = false;
    else if (flag === '--auto-approve') {
      const user = argv[++i];
      if (!user) throw new Error('--auto-approve needs a user');
      graph.autoApprove = user;
    } else ews.push(flag);
  }
  return { graph, ews };
}
