// MoveItem: see moveCopy.ts.
import { moveOrCopy } from './moveCopy';
import type { OperationHandler } from './operation';

export const moveItem: OperationHandler = (ctx, request) => moveOrCopy(ctx, request, 'MoveItem');
