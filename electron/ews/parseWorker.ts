// The parse worker's entry: reads large answers (responseElement and the operation's parser) on
// its own thread, so the Electron main process's event loop never stalls on one. Started by
// parseOffload.ts; one job at a time, in order.
import { parentPort } from 'node:worker_threads';
import { operationByKey } from './parseRegistry';
import { serializeError, type ParseJob, type ParseReply } from './parseProtocol';
import { createResponseParser } from './responseParser';
import { responseElement } from './soapResponse';

const port = parentPort;
if (port === null) throw new Error('parseWorker.ts runs only as a worker thread');

function run(job: ParseJob): ParseReply {
  try {
    const operation = operationByKey(job.operationKey);
    if (operation === undefined) throw new Error(`unknown operation key ${job.operationKey}`);
    const parser = createResponseParser(job.limits);
    const response = responseElement(job.answer, { operation: operation.name, parser, impersonating: job.impersonating });
    return { id: job.id, ok: true, result: operation.parseResponse(response, job.request) };
  } catch (error) {
    return { id: job.id, ok: false, error: serializeError(error) };
  }
}

port.on('message', (job: ParseJob) => port.postMessage(run(job)));
