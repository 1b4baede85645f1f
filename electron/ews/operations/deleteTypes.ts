// The three delete strengths shared by DeleteItem, EmptyFolder and DeleteFolder.
import { EwsError } from '../errors';

export const DELETE_TYPES = ['MoveToDeletedItems', 'SoftDelete', 'HardDelete'] as const;
export type DeleteType = (typeof DELETE_TYPES)[number];

export function checkDeleteType(value: string): DeleteType {
  const found = DELETE_TYPES.find((t) => t === value);
  if (found === undefined) throw new EwsError('invalid-request', `Unknown delete type ${value}.`);
  return found;
}
