// Client CPU cost per item of the EWS layer, measured in-process (no network):
//   1. DeleteItem batch of 1000: build the request + parse a 1000-message response
//      (10 % ErrorItemNotFound, the rest NoError).
//   2. FindItem page of 1000 items with the client's shape (ItemClass, Subject, From,
//      DateTimeReceived, Size, LastModifiedTime, IsRead, Importance, Categories (one item in
//      five has two) + the 0x348A extended property): parse only.
// Each is timed side by side with a naive parse (fast-xml-parser defaults, no tuning) of the
// same bytes, because this machine is shared: the ratio is the stable figure. The FindItem page
// is also timed against fast-xml-parser building its own ordered tree with the options this
// layer used before responseParser.ts (tree only, before any walk), for comparison.
// Each sample is the process CPU time (process.cpuUsage: user + system, all threads, so GC
// helper threads count) of one run; wall time is reported beside it. Figures are medians.
// Run: npx tsx bench/ewsClient.ts [repetitions]
import { XMLParser } from 'fast-xml-parser';
import { BasicAuth, createResponseParser, deleteItemOperation, EwsClient, findItemOperation, responseElement, type EwsOperation } from '../electron/ews';

const ITEMS = 1000;
const REPS = Number(process.argv[2] ?? 41);
const WARMUP = 15;
const TARGET_DELETE_US = 10;
const TARGET_FIND_US = 30;

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';

function envelope(op: string, messages: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>' +
    `<h:ServerVersionInfo MajorVersion="15" MinorVersion="2" MajorBuildNumber="1544" MinorBuildNumber="14" Version="V2017_07_11" xmlns:h="${T}" xmlns="${T}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"/>` +
    '</s:Header><s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<m:${op}Response xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>${messages}</m:ResponseMessages></m:${op}Response></s:Body></s:Envelope>`
  );
}

// Full-length ids: 152 base64 characters for a message (EWS-FACTS §5).
const itemId = (i: number): string =>
  Buffer.alloc(113, i % 251)
    .toString('base64')
    .slice(0, 148) + String(i % 10000).padStart(4, '0');
const changeKey = 'CQAAABYAAADZGACZQpSgSpyNkexYe2b7AAAAAAAA';

function deleteResponse(): string {
  let messages = '';
  for (let i = 0; i < ITEMS; i++) {
    messages +=
      i % 10 === 3
        ? '<m:DeleteItemResponseMessage ResponseClass="Error"><m:MessageText>The specified object was not found in the store.</m:MessageText><m:ResponseCode>ErrorItemNotFound</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey></m:DeleteItemResponseMessage>'
        : '<m:DeleteItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:DeleteItemResponseMessage>';
  }
  return envelope('DeleteItem', messages);
}

function findResponse(): string {
  let items = '';
  for (let i = 0; i < ITEMS; i++) {
    items +=
      `<t:Message><t:ItemId Id="${itemId(i)}" ChangeKey="${changeKey}"/><t:ItemClass>IPM.Note</t:ItemClass>` +
      `<t:Subject>Quarterly report &amp; figures ${i}</t:Subject><t:DateTimeReceived>2024-03-01T10:${String(i % 60).padStart(2, '0')}:00Z</t:DateTimeReceived>` +
      `<t:Size>${20000 + i}</t:Size>` +
      (i % 5 === 0 ? '<t:Categories><t:String>Red category</t:String><t:String>Project X</t:String></t:Categories>' : '') +
      `<t:Importance>${i % 17 === 0 ? 'High' : 'Normal'}</t:Importance>` +
      `<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x348a" PropertyType="Binary"/><t:Value>AQIDBAUGBwgJCgsMDQ4PEBESExQVFg==</t:Value></t:ExtendedProperty>` +
      `<t:LastModifiedTime>2024-03-02T08:${String(i % 60).padStart(2, '0')}:00Z</t:LastModifiedTime>` +
      `<t:From><t:Mailbox><t:Name>Alice Example</t:Name></t:Mailbox></t:From><t:IsRead>${i % 5 === 0 ? 'false' : 'true'}</t:IsRead></t:Message>`;
  }
  return envelope(
    'FindItem',
    `<m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:RootFolder IndexedPagingOffset="1000" TotalItemsInView="250000" IncludesLastItemInRange="false"><t:Items>${items}</t:Items></m:RootFolder></m:FindItemResponseMessage>`,
  );
}

const parser = createResponseParser({ maxDepth: 64 });
const naive = new XMLParser({ ignoreAttributes: false });
// The configuration used before (preserveOrder tree, walked afterwards), tree building only.
const orderedTree = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  jPath: false,
  maxNestedTags: 64,
});
const client = new EwsClient({ url: 'https://bench.invalid/EWS/Exchange.asmx', auth: new BasicAuth('a', 'b') });

function parse<Req, Res>(op: EwsOperation<Req, Res>, req: Req, body: string): Res {
  return op.parseResponse(
    responseElement(
      { status: 200, contentType: 'text/xml; charset=utf-8', location: undefined, body },
      { operation: op.name, parser, impersonating: undefined },
    ),
    req,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

interface Figures {
  /** Median CPU µs per item. */
  cpu: Record<string, number>;
  /** Median wall-clock µs per item. */
  wall: Record<string, number>;
}

/** Runs each task once per repetition, interleaved, and returns median µs per item of each. */
function measure(tasks: Record<string, () => unknown>): Figures {
  const cpu: Record<string, number[]> = {};
  const wall: Record<string, number[]> = {};
  for (let rep = 0; rep < WARMUP + REPS; rep++) {
    for (const [name, task] of Object.entries(tasks)) {
      const startCpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      task();
      const wallMicros = Number(process.hrtime.bigint() - start) / 1000;
      const used = process.cpuUsage(startCpu);
      if (rep >= WARMUP) {
        (cpu[name] ??= []).push((used.user + used.system) / ITEMS);
        (wall[name] ??= []).push(wallMicros / ITEMS);
      }
    }
  }
  const medians = (all: Record<string, number[]>) => Object.fromEntries(Object.entries(all).map(([k, v]) => [k, median(v)]));
  return { cpu: medians(cpu), wall: medians(wall) };
}

const ids = Array.from({ length: ITEMS }, (_, i) => ({ id: itemId(i), changeKey }));
const deleteReq = { items: ids, deleteType: 'SoftDelete' as const };
const deleteXml = deleteResponse();
const findReq = { folder: { distinguished: 'inbox' as const }, page: { offset: 0, maxEntries: 1000 } };
const findXml = findResponse();

// Sanity: the parsers really read what is timed.
const deleted = parse(deleteItemOperation, deleteReq, deleteXml);
const page = parse(findItemOperation, findReq, findXml);
if (deleted.length !== ITEMS || deleted.filter((r) => !r.ok).length !== ITEMS / 10) throw new Error('DeleteItem parse is wrong');
if (!page.ok || page.value.items.length !== ITEMS || page.value.items[5]?.lastActiveParentEntryId === undefined) throw new Error('FindItem parse is wrong');

const d = measure({
  build: () => client.buildRequest(deleteItemOperation, deleteReq),
  parse: () => parse(deleteItemOperation, deleteReq, deleteXml),
  naiveParse: () => naive.parse(deleteXml),
});
const f = measure({
  parse: () => parse(findItemOperation, findReq, findXml),
  naiveParse: () => naive.parse(findXml),
  orderedTree: () => orderedTree.parse(findXml),
});

const fmt = (n: number | undefined): string => (n ?? NaN).toFixed(2);
const both = (fig: Figures, k: string): string => `${fmt(fig.cpu[k])} µs/item (wall ${fmt(fig.wall[k])})`;
const at = (fig: Figures, k: string): number => fig.cpu[k] ?? NaN;
const deleteTotal = at(d, 'build') + at(d, 'parse');
const findParse = at(f, 'parse');
console.log(
  `EWS client CPU per item — Node ${process.version}, fast-xml-parser 5.x, ${ITEMS} items per batch/page, ${REPS} timed repetitions after ${WARMUP} warm-up, tasks interleaved`,
);
console.log('Figures: median process CPU time (user + system) per item; median wall time in brackets.');
console.log(`DeleteItem batch (${(deleteXml.length / 1024).toFixed(0)} KiB response):`);
console.log(
  `  build ${both(d, 'build')} + parse ${both(d, 'parse')} = ${fmt(deleteTotal)} µs/item  (target ≤ ${TARGET_DELETE_US}: ${deleteTotal <= TARGET_DELETE_US ? 'met' : 'MISSED'}, ratio to target ${fmt(deleteTotal / TARGET_DELETE_US)})`,
);
console.log(
  `  naive fast-xml-parser parse of the same bytes (tree only, no typed results): ${both(d, 'naiveParse')}; ours/naive = ${fmt(at(d, 'parse') / at(d, 'naiveParse'))}`,
);
console.log(`FindItem page (${(findXml.length / 1024).toFixed(0)} KiB response, 10 properties per item incl. 0x348A):`);
console.log(
  `  parse ${both(f, 'parse')}  (target ≤ ${TARGET_FIND_US}: ${findParse <= TARGET_FIND_US ? 'met' : 'MISSED'}, ratio to target ${fmt(findParse / TARGET_FIND_US)})`,
);
console.log(
  `  naive fast-xml-parser parse of the same bytes (tree only, no typed rows): ${both(f, 'naiveParse')}; ours/naive = ${fmt(findParse / at(f, 'naiveParse'))}`,
);
console.log(
  `  fast-xml-parser ordered tree with the previous options (tree only, no walk): ${both(f, 'orderedTree')}; ours/that = ${fmt(findParse / at(f, 'orderedTree'))}`,
);
