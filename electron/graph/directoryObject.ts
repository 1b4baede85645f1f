// A directory object as the user, group and member lists return it (Microsoft Graph user and group
// resources; a member list is a directoryObject collection whose entries carry @odata.type). Only
// what choosing mailboxes needs: id, type, name and addresses.
import { z } from 'zod';

export const directoryObjectShape = z
  .object({
    '@odata.type': z.string().optional(),
    id: z.string().min(1),
    displayName: z.string().nullable().optional(),
    mail: z.string().nullable().optional(),
    userPrincipalName: z.string().nullable().optional(),
  })
  .passthrough();

export type DirectoryObject = z.infer<typeof directoryObjectShape>;

/** user, group, orgContact, device, servicePrincipal …: the part after "#microsoft.graph.". */
export function directoryType(entry: DirectoryObject, fallback: string): string {
  const type = entry['@odata.type'];
  return type === undefined ? fallback : type.replace(/^#?microsoft\.graph\./, '');
}
