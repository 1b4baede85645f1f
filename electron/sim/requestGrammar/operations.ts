// The request elements (m:<Operation>) the simulator answers, each with its messages.xsd type:
// children in schema order with min/max occurs, attributes with use and type.
import { mSeq, type ComplexType } from './model';

const DELETE_ATTRS = { DeleteType: ['req', 'DisposalType'] } as const;
const MOVE_COPY_ITEM = mSeq('ToFolderId=TargetFolderId ItemIds=NonEmptyArrayOfBaseItemIds ReturnNewItemIds?=boolean');
const MOVE_COPY_FOLDER = mSeq('ToFolderId=TargetFolderId FolderIds=NonEmptyArrayOfBaseFolderIds');

/** Request element name → its type (keys of REQUEST_TYPES / the type table). */
export const OPERATION_TYPES: Readonly<Record<string, ComplexType>> = {
  GetFolder: mSeq('FolderShape=FolderResponseShape FolderIds=NonEmptyArrayOfBaseFolderIds'),
  FindFolder: mSeq(
    'FolderShape=FolderResponseShape ( IndexedPageFolderView=IndexedPageView | FractionalPageFolderView=FractionalPageView )? Restriction?=Restriction ParentFolderIds=NonEmptyArrayOfBaseFolderIds',
    { Traversal: ['req', 'FolderQueryTraversalType'] },
  ),
  FindItem: mSeq(
    'ItemShape=ItemResponseShape ( IndexedPageItemView=IndexedPageView | FractionalPageItemView=FractionalPageView ' +
      '| SeekToConditionPageItemView=SeekToConditionPageView | CalendarView=CalendarView | ContactsView=ContactsView )? ( GroupBy | DistinguishedGroupBy )? ' +
      'Restriction?=Restriction SortOrder?=NonEmptyArrayOfFieldOrders ParentFolderIds=NonEmptyArrayOfBaseFolderIds QueryString?=QueryString',
    { Traversal: ['req', 'ItemQueryTraversalType'] },
  ),
  GetItem: mSeq('ItemShape=ItemResponseShape ItemIds=NonEmptyArrayOfBaseItemIds'),
  CreateItem: mSeq('SavedItemFolderId?=TargetFolderId Items=NonEmptyArrayOfAllItems', {
    MessageDisposition: ['opt', 'MessageDispositionType'],
    SendMeetingInvitations: ['opt', 'CalendarItemCreateOrDeleteOperationType'],
  }),
  UpdateItem: mSeq('SavedItemFolderId?=TargetFolderId ItemChanges=NonEmptyArrayOfItemChanges', {
    ConflictResolution: ['req', 'ConflictResolutionType'],
    MessageDisposition: ['opt', 'MessageDispositionType'],
    SendMeetingInvitationsOrCancellations: ['opt', 'CalendarItemUpdateOperationType'],
    SuppressReadReceipts: ['opt', 'boolean'],
  }),
  MoveItem: MOVE_COPY_ITEM,
  CopyItem: MOVE_COPY_ITEM,
  DeleteItem: mSeq('ItemIds=NonEmptyArrayOfBaseItemIds', {
    ...DELETE_ATTRS,
    SendMeetingCancellations: ['opt', 'CalendarItemCreateOrDeleteOperationType'],
    AffectedTaskOccurrences: ['opt', 'AffectedTaskOccurrencesType'],
    SuppressReadReceipts: ['opt', 'boolean'],
  }),
  EmptyFolder: mSeq('FolderIds=NonEmptyArrayOfBaseFolderIds', { ...DELETE_ATTRS, DeleteSubFolders: ['req', 'boolean'] }),
  CreateFolder: mSeq('ParentFolderId=TargetFolderId Folders=NonEmptyArrayOfFolders'),
  DeleteFolder: mSeq('FolderIds=NonEmptyArrayOfBaseFolderIds', DELETE_ATTRS),
  MoveFolder: MOVE_COPY_FOLDER,
  CopyFolder: MOVE_COPY_FOLDER,
  ConvertId: mSeq('SourceIds=NonEmptyArrayOfAlternateIds', { DestinationFormat: ['req', 'IdFormatType'] }),
  ResolveNames: mSeq('ParentFolderIds?=NonEmptyArrayOfBaseFolderIds UnresolvedEntry=nonEmpty', {
    ReturnFullContactData: ['req', 'boolean'],
    SearchScope: ['opt', 'ResolveNamesSearchScopeType'],
    ContactDataShape: ['opt', 'DefaultShapeNamesType'],
  }),
  ExpandDL: mSeq('Mailbox=EmailAddress'),
};
