// t:ExchangeVersionType. Exchange 2016/2019/SE accept any of these; codes newer than the
// requested version come back wrapped in ErrorInternalServerError, hence the 2013 SP1 default.
export const EXCHANGE_VERSIONS = [
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2009',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2012',
  'Exchange2013',
  'Exchange2013_SP1',
  'Exchange2015',
  'Exchange2016',
  'V2015_10_05',
  'V2016_01_06',
  'V2016_04_13',
  'V2016_07_13',
  'V2016_10_10',
  'V2017_01_07',
  'V2017_04_14',
  'V2017_07_11',
] as const;

export type ExchangeVersion = (typeof EXCHANGE_VERSIONS)[number];

export const DEFAULT_SERVER_VERSION: ExchangeVersion = 'Exchange2013_SP1';

const KNOWN: ReadonlySet<string> = new Set(EXCHANGE_VERSIONS);

/** True for a t:ExchangeVersionType value; a version may come from a saved profile, so it is checked at run time. */
export function isExchangeVersion(value: unknown): value is ExchangeVersion {
  return typeof value === 'string' && KNOWN.has(value);
}
