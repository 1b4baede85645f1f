// Complex types of types.xsd the simulator reads: ids, shapes, property paths, restrictions,
// sort orders, paging views and the SOAP headers. Written from types.xsd (15.2.2562.17); the
// element order of every sequence is checked against the schema by test/sim/requestGrammar.test.ts.
import { empty, text, tSeq, type ComplexType } from './model';

/** The t:Path substitution group (t:FieldURI, t:IndexedFieldURI, t:ExtendedFieldURI). */
export const PATH = '( FieldURI=PathToUnindexedField | IndexedFieldURI=PathToIndexedField | ExtendedFieldURI=PathToExtendedField )';

/** The t:SearchExpression substitution group. */
export const SEARCH_EXPRESSION =
  '( Exists=Exists | Excludes=Excludes | IsEqualTo=TwoOperand | IsNotEqualTo=TwoOperand | IsGreaterThan=TwoOperand ' +
  '| IsGreaterThanOrEqualTo=TwoOperand | IsLessThan=TwoOperand | IsLessThanOrEqualTo=TwoOperand | Contains=Contains ' +
  '| Not=Not | And=MultipleOperand | Or=MultipleOperand | Near=Near )';

const FOLDER_IDS = 'FolderId=FolderId | DistinguishedFolderId=DistinguishedFolderId';

export const COMMON_TYPES: Record<string, ComplexType> = {
  // Ids.
  FolderId: empty({ Id: ['req', 'string'], ChangeKey: ['opt', 'string'] }),
  DistinguishedFolderId: tSeq('Mailbox?=EmailAddress', { Id: ['req', 'DistinguishedFolderIdNameType'], ChangeKey: ['opt', 'string'] }),
  AddressListId: empty({ Id: ['req', 'string'] }),
  ItemId: empty({ Id: ['req', 'string'], ChangeKey: ['opt', 'string'] }),
  OccurrenceItemId: empty({ RecurringMasterId: ['req', 'string'], ChangeKey: ['opt', 'string'], InstanceIndex: ['req', 'int'] }),
  RecurringMasterItemId: empty({ OccurrenceId: ['req', 'string'], ChangeKey: ['opt', 'string'] }),
  RecurringMasterItemIdRanges: tSeq('Ranges?', { Id: ['req', 'string'], ChangeKey: ['opt', 'string'] }),
  NonEmptyArrayOfBaseFolderIds: tSeq(`( ${FOLDER_IDS} )+`),
  NonEmptyArrayOfBaseItemIds: tSeq(
    '( ItemId=ItemId | OccurrenceItemId=OccurrenceItemId | RecurringMasterItemId=RecurringMasterItemId | RecurringMasterItemIdRanges=RecurringMasterItemIdRanges )+',
  ),
  TargetFolderId: tSeq(`( ${FOLDER_IDS} | AddressListId=AddressListId )`),
  EmailAddress: tSeq('Name?=string EmailAddress?=nonEmpty RoutingType?=nonEmpty MailboxType?=MailboxTypeType ItemId?=ItemId OriginalDisplayName?=string'),
  SingleRecipient: tSeq('Mailbox=EmailAddress'),

  // Shapes and property paths.
  FolderResponseShape: tSeq('BaseShape=DefaultShapeNamesType AdditionalProperties?=NonEmptyArrayOfPathsToElement'),
  ItemResponseShape: tSeq(
    'BaseShape=DefaultShapeNamesType IncludeMimeContent?=boolean BodyType?=BodyTypeResponseType UniqueBodyType?=BodyTypeResponseType ' +
      'NormalizedBodyType?=BodyTypeResponseType FilterHtmlContent?=boolean ConvertHtmlCodePageToUTF8?=boolean InlineImageUrlTemplate?=string ' +
      'BlockExternalImages?=boolean AddBlankTargetToLinks?=boolean MaximumBodySize?=int AdditionalProperties?=NonEmptyArrayOfPathsToElement',
  ),
  NonEmptyArrayOfPathsToElement: tSeq(`${PATH}+`),
  PathToUnindexedField: empty({ FieldURI: ['req', 'UnindexedFieldURIType'] }),
  PathToIndexedField: empty({ FieldURI: ['req', 'DictionaryURIType'], FieldIndex: ['req', 'string'] }),
  PathToExtendedField: empty({
    DistinguishedPropertySetId: ['opt', 'DistinguishedPropertySetType'],
    PropertySetId: ['opt', 'guid'],
    PropertyTag: ['opt', 'propertyTag'],
    PropertyName: ['opt', 'string'],
    PropertyId: ['opt', 'int'],
    PropertyType: ['req', 'MapiPropertyTypeType'],
  }),
  ExtendedProperty: tSeq('ExtendedFieldURI=PathToExtendedField ( Value=string | Values=NonEmptyArrayOfPropertyValues )'),
  NonEmptyArrayOfPropertyValues: tSeq('Value+=string'),

  // Restrictions and sort orders.
  Restriction: tSeq(SEARCH_EXPRESSION),
  Exists: tSeq(PATH),
  Excludes: tSeq(`${PATH} Bitmask=ExcludesValue`),
  ExcludesValue: empty({ Value: ['req', 'excludesValue'] }),
  TwoOperand: tSeq(`${PATH} FieldURIOrConstant=FieldURIOrConstant`),
  FieldURIOrConstant: tSeq(`( ${PATH.slice(2, -2)} | Constant=ConstantValue )`),
  ConstantValue: empty({ Value: ['req', 'string'] }),
  Contains: tSeq(`${PATH} Constant=ConstantValue`, {
    ContainmentMode: ['opt', 'ContainmentModeType'],
    ContainmentComparison: ['opt', 'ContainmentComparisonType'],
  }),
  Not: tSeq(SEARCH_EXPRESSION),
  MultipleOperand: tSeq(`${SEARCH_EXPRESSION}+`),
  Near: tSeq(`${SEARCH_EXPRESSION}+ Distance=unsignedInt Ordered=boolean`),
  NonEmptyArrayOfFieldOrders: tSeq('FieldOrder+=FieldOrder'),
  FieldOrder: tSeq(PATH, { Order: ['req', 'SortDirectionType'] }),

  // Paging views: the simulator reads IndexedPage*View; the others it refuses later with
  // ErrorInvalidRequest, but only once they are schema-valid, as Exchange checks them first.
  IndexedPageView: empty({ MaxEntriesReturned: ['opt', 'int'], Offset: ['req', 'int'], BasePoint: ['req', 'IndexBasePointType'] }),
  FractionalPageView: empty({ MaxEntriesReturned: ['opt', 'int'], Numerator: ['req', 'int'], Denominator: ['req', 'int'] }),
  SeekToConditionPageView: tSeq('Condition=Restriction', { MaxEntriesReturned: ['opt', 'int'], BasePoint: ['req', 'IndexBasePointType'] }),
  CalendarView: empty({ MaxEntriesReturned: ['opt', 'int'], StartDate: ['req', 'dateTime'], EndDate: ['req', 'dateTime'] }),
  ContactsView: empty({ MaxEntriesReturned: ['opt', 'int'], InitialName: ['opt', 'string'], FinalName: ['opt', 'string'] }),
  QueryString: text('string', { ResetCache: ['opt', 'boolean'], ReturnHighlightTerms: ['opt', 'boolean'], ReturnDeletedItems: ['opt', 'boolean'] }),

  // ConvertId.
  NonEmptyArrayOfAlternateIds: tSeq(
    '( AlternateId=AlternateId | AlternatePublicFolderId=AlternatePublicFolderId | AlternatePublicFolderItemId=AlternatePublicFolderItemId )+',
  ),
  AlternateId: empty({ Format: ['req', 'IdFormatType'], Id: ['req', 'string'], Mailbox: ['req', 'nonEmpty'], IsArchive: ['opt', 'boolean'] }),
  AlternatePublicFolderId: empty({ Format: ['req', 'IdFormatType'], FolderId: ['req', 'string'] }),
  AlternatePublicFolderItemId: empty({ Format: ['req', 'IdFormatType'], FolderId: ['req', 'string'], ItemId: ['req', 'string'] }),

  // SOAP headers (t:). RequestServerVersion@Version is read as a string on purpose: Exchange answers
  // an unknown version with ErrorInvalidServerVersion (EWS-FACTS §1), which envelope.ts gives.
  RequestServerVersion: empty({ Version: ['req', 'string'] }),
  ExchangeImpersonation: tSeq('ConnectingSID=ConnectingSID'),
  ConnectingSID: tSeq('( PrincipalName=nonEmpty | SID=nonEmpty | PrimarySmtpAddress=nonEmpty | SmtpAddress=nonEmpty )'),
  MailboxCulture: text('language'),
  TimeZoneContext: tSeq('TimeZoneDefinition'),
  DateTimePrecision: text('DateTimePrecisionType'),
  ManagementRole: tSeq('UserRoles? ApplicationRoles?'),
};
