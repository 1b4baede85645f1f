// The batch job engine: see engine.ts for the API the service layer uses.
export { JobEngine, type JobEngineOptions, type JobHandle } from './engine';
export type { JobResult } from './runner';
export type { ProgressListener } from './progress';
export type { ReportFormat } from './report';
export type { FolderNamer } from './describe';
export type { AccountGate } from './backoff';
export { BackendRequestError, type JobBackend, type ItemResult, type ItemLookup, type FolderRef, type ListItemsRequest, type WellKnownFolder } from './backend';
