// What the parse worker and its host say to each other, and EwsError across the thread boundary
// (structured clone keeps an Error's message only, not its kind or details).
import { EwsError, type EwsErrorKind } from './errors';
import type { HttpAnswer } from './soapResponse';

export interface ParseJob {
  id: number;
  operationKey: string;
  request: unknown;
  answer: HttpAnswer;
  impersonating: string | undefined;
  limits: { maxDepth: number; maxTextLength: number };
}

export interface SerializedEwsError {
  kind: EwsErrorKind;
  message: string;
  retryable: boolean;
  status: number | undefined;
  responseCode: string | undefined;
  backOffMs: number | undefined;
  messageXml: Readonly<Record<string, string>>;
  serverMessage: string | undefined;
  location: string | undefined;
}

export type ParseReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedEwsError | { message: string } };

export function serializeError(error: unknown): SerializedEwsError | { message: string } {
  if (!(error instanceof EwsError)) return { message: error instanceof Error ? error.message : String(error) };
  const { kind, message, retryable, status, responseCode, backOffMs, messageXml, serverMessage, location } = error;
  return { kind, message, retryable, status, responseCode, backOffMs, messageXml, serverMessage, location };
}

export function deserializeError(error: SerializedEwsError | { message: string }): Error {
  if (!('kind' in error)) return new Error(error.message);
  const { kind, message, ...details } = error;
  return new EwsError(kind, message, details);
}
