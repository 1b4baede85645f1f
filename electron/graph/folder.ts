// The mailFolder resource as this app reads it (Graph v1.0 mailFolder: id, displayName,
// parentFolderId, childFolderCount, totalItemCount, unreadItemCount, isHidden), plus the
// folder's PR_SOURCE_KEY when it was expanded, base64 as Graph gives it.
import { z } from 'zod';
import { extendedPropertiesShape, extendedValue, PR_SOURCE_KEY } from './extendedProperties';

export interface GraphFolder {
  id: string;
  displayName: string;
  parentFolderId?: string;
  childFolderCount: number;
  totalItemCount: number;
  unreadItemCount: number;
  isHidden: boolean;
  /** Base64 PR_SOURCE_KEY, when asked for. */
  sourceKey?: string;
}

const count = z.number().int().nonnegative();

export const folderShape: z.ZodType<GraphFolder> = z
  .object({
    id: z.string().min(1),
    displayName: z.string(),
    parentFolderId: z.string().nullable().optional(),
    childFolderCount: count.optional().default(0),
    totalItemCount: count.optional().default(0),
    unreadItemCount: count.optional().default(0),
    isHidden: z.boolean().nullable().optional(),
    singleValueExtendedProperties: extendedPropertiesShape,
  })
  .transform((f) => {
    const sourceKey = extendedValue(f.singleValueExtendedProperties, PR_SOURCE_KEY);
    return {
      id: f.id,
      displayName: f.displayName,
      ...(f.parentFolderId ? { parentFolderId: f.parentFolderId } : {}),
      childFolderCount: f.childFolderCount,
      totalItemCount: f.totalItemCount,
      unreadItemCount: f.unreadItemCount,
      isHidden: f.isHidden ?? false,
      ...(sourceKey !== undefined ? { sourceKey } : {}),
    };
  });
