// MoveItem: see move-copy.ts.
import { moveOrCopy } from './move-copy';
import type { OperationHandler } from './operation';

export const moveItem: OperationHandler = (ctx, request) => moveOrCopy(ctx, request, 'MoveItem');
