// CopyItem: see moveCopy.ts. The original stays; the copy gets a new id and ChangeKey.
import { moveOrCopy } from './moveCopy';
import type { OperationHandler } from './operation';

export const copyItem: OperationHandler = (ctx, request) => moveOrCopy(ctx, request, 'CopyItem');
