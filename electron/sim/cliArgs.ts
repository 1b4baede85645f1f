// Command-line flags of `npm run sim`, parsed into SimulatorOptions.
import type { FaultUpdate, InjectableItemError, RequestFaultKind } from './faults';
import type { SimulatorOptions } from './index';
import { randomBytes } from 'node:crypto';
import { AUTH_SCHEMES, type AuthScheme } from './auth';
import { DEMO_GROUPS } from './directory';
import { DEMO_USERS } from './seed';
import type { ThrottlePolicy } from './throttle';

const REQUEST_FAULT_FLAGS: Record<string, RequestFaultKind> = {
  '--http503': 'http503',
  '--fault500': 'internalErrorFault',
  '--reset': 'connectionReset',
  '--no-answer': 'noAnswer',
  '--malformed': 'malformedXml',
  '--html-login': 'htmlLoginPage',
  '--lost-response': 'lostResponse',
};

const ITEM_ERROR_FLAGS: Record<string, InjectableItemError> = {
  '--item-not-found': 'ErrorItemNotFound',
  '--item-access-denied': 'ErrorAccessDenied',
  '--item-internal-error': 'ErrorInternalServerError',
  '--item-server-busy': 'ErrorServerBusy',
};

const THROTTLE_FLAGS: Record<string, keyof Omit<ThrottlePolicy, 'enabled'>> = {
  '--max-concurrency': 'maxConcurrency',
  '--item-cost-ms': 'itemCostMs',
  '--burst-ms': 'burstMs',
  '--recharge-ms-per-second': 'rechargeMsPerSecond',
  '--batch-budget-ms': 'batchBudgetMs',
};

export const USAGE = `npm run sim -- [options]
  --port N                     listen port on 127.0.0.1 (default 0 = any free port)
  --tls                        HTTPS with a generated self-signed certificate (its SHA-256 is the fourth line)
  --epa required|off           Extended Protection: NTLM must carry the TLS channel binding (needs --tls)
  --auth LIST                  sign-in schemes, comma-separated from basic,ntlm,negotiate,bearer (default basic,ntlm,negotiate)
  --redirect-listener          also a plain-HTTP listener answering GET /autodiscover/autodiscover.xml with 302
  --redirect-host HOST[:PORT]  host the redirect's Location names (default 127.0.0.1:PORT of the main listener)
  --seed demo|empty            demo mailboxes (default) or default folders only
  --items N                    items in admin's "Inbox/Bulk notifications" (default 100000 for demo; up to 1000000)
  --scale F                    size factor of the other demo folders (default 1)
  --data-seed N                seed of the demo content and mailbox GUIDs (default 1)
  --latency-ms N               latency added to every request
  --item-latency-ms N          latency added per item processed
  --no-throttle                switch throttling off
  --max-concurrency N | --item-cost-ms N | --burst-ms N | --recharge-ms-per-second N | --batch-budget-ms N
  --fault-seed N               seed of fault injection (default 1)
  --http503 P | --fault500 P | --reset P | --no-answer P | --malformed P | --html-login P | --lost-response P
                               probability per request of each request-level fault
  --item-not-found P | --item-access-denied P | --item-internal-error P | --item-server-busy P
                               probability per item of each per-item error
  --folder-soft-delete remove|dumpster|error   --purges-under-sir refuse|purge
  --ri-full-error innerQuotaExceededOnDelete|ErrorQuotaExceeded
  --random-password            every demo user gets one password made for this run (printed on line 3) instead of the published one
  --local-only                 answer only Host 127.0.0.1/localhost (HTTP 400 otherwise), as the app's demo mailbox does
  --max-request-bytes N        largest request body read (default 64 MiB; larger ones get IIS's 404.13)
  --help`;

function number(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(n)) throw new Error(`${flag} needs a number`);
  return n;
}

export function parseCliArgs(argv: readonly string[]): SimulatorOptions | 'help' {
  const options: SimulatorOptions = {};
  const faults: FaultUpdate = { rates: {}, itemErrorRates: {} };
  const throttle: Partial<ThrottlePolicy> = {};
  let throttleOff = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = (): string | undefined => argv[++i];
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--port') options.port = number(flag, value());
    else if (flag === '--tls') options.tls = true;
    else if (flag === '--redirect-listener') options.redirectListener = true;
    else if (flag === '--redirect-host') {
      const host = value();
      if (!host) throw new Error('--redirect-host needs a host name');
      options.redirectHost = host;
    } else if (flag === '--epa') {
      const mode = value();
      if (mode !== 'required' && mode !== 'off') throw new Error('--epa must be required or off');
      options.epa = mode;
    } else if (flag === '--auth') {
      const list = (value() ?? '')
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== '');
      const unknown = list.filter((s) => !(AUTH_SCHEMES as readonly string[]).includes(s));
      if (list.length === 0 || unknown.length > 0) throw new Error(`--auth takes a comma-separated list of ${AUTH_SCHEMES.join(', ')}`);
      options.auth = list as AuthScheme[];
    } else if (flag === '--seed') {
      const seed = value();
      if (seed !== 'demo' && seed !== 'empty') throw new Error('--seed must be demo or empty');
      options.seed = seed;
    } else if (flag === '--items') options.bulkItems = number(flag, value());
    else if (flag === '--scale') options.demoScale = number(flag, value());
    else if (flag === '--data-seed') options.dataSeed = number(flag, value());
    else if (flag === '--latency-ms') faults.requestLatencyMs = number(flag, value());
    else if (flag === '--item-latency-ms') faults.itemLatencyMs = number(flag, value());
    else if (flag === '--fault-seed') faults.seed = number(flag, value());
    else if (flag === '--no-throttle') throttleOff = true;
    else if (flag in REQUEST_FAULT_FLAGS) (faults.rates as Record<string, number>)[REQUEST_FAULT_FLAGS[flag] as string] = number(flag, value());
    else if (flag in ITEM_ERROR_FLAGS) (faults.itemErrorRates as Record<string, number>)[ITEM_ERROR_FLAGS[flag] as string] = number(flag, value());
    else if (flag in THROTTLE_FLAGS) throttle[THROTTLE_FLAGS[flag] as keyof Omit<ThrottlePolicy, 'enabled'>] = number(flag, value());
    else if (flag === '--purges-under-sir') {
      const mode = value();
      if (mode !== 'refuse' && mode !== 'purge') throw new Error('--purges-under-sir must be refuse or purge');
      options.switches = { ...options.switches, purgesUnderSingleItemRecovery: mode };
    } else if (flag === '--ri-full-error') {
      const mode = value();
      if (mode !== 'innerQuotaExceededOnDelete' && mode !== 'ErrorQuotaExceeded')
        throw new Error('--ri-full-error must be innerQuotaExceededOnDelete or ErrorQuotaExceeded');
      options.switches = { ...options.switches, recoverableItemsFullError: mode };
    } else if (flag === '--folder-soft-delete') {
      const mode = value();
      if (mode !== 'remove' && mode !== 'dumpster' && mode !== 'error') throw new Error('--folder-soft-delete must be remove, dumpster or error');
      options.switches = { ...options.switches, folderSoftDelete: mode };
    } else if (flag === '--random-password') {
      const password = randomBytes(18).toString('base64url');
      options.users = DEMO_USERS.map((user) => ({ ...user, password }));
      // Named: the demo groups are added by default only when no users are given.
      options.groups = DEMO_GROUPS;
    } else if (flag === '--local-only') options.localHostOnly = true;
    else if (flag === '--max-request-bytes') options.maxRequestBytes = number(flag, value());
    else throw new Error(`unknown flag ${flag}`);
  }
  options.faults = faults;
  options.throttling = throttleOff ? false : throttle;
  return options;
}
