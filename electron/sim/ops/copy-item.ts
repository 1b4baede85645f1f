// CopyItem: see move-copy.ts. The original stays; the copy gets a new id and ChangeKey.
import { moveOrCopy } from './move-copy';
import type { OperationHandler } from './operation';

export const copyItem: OperationHandler = (ctx, request) => moveOrCopy(ctx, request, 'CopyItem');
