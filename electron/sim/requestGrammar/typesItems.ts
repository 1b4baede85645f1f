// Item and folder types (t:ItemType, t:MessageType, …, t:FolderType, …) and the UpdateItem change
// descriptions, from types.xsd. Every child element is listed in schema order, so an unknown or
// misplaced child is refused; the content of children the simulator never reads (recipients,
// bodies, recurrences…) is not checked further (no type given = Lax).
import { text, tSeq, type ComplexType } from './model';
import { PATH } from './typesCommon';

const ITEM =
  'MimeContent? ItemId?=ItemId ParentFolderId?=FolderId ItemClass?=string Subject?=string Sensitivity?=SensitivityChoicesType Body?=Body Attachments? ' +
  'DateTimeReceived?=dateTime Size?=int Categories?=ArrayOfStrings Importance?=ImportanceChoicesType InReplyTo?=string IsSubmitted?=boolean IsDraft?=boolean IsFromMe?=boolean ' +
  'IsResend?=boolean IsUnmodified?=boolean InternetMessageHeaders? DateTimeSent?=dateTime DateTimeCreated?=dateTime ResponseObjects? ' +
  'ReminderDueBy?=dateTime ReminderIsSet?=boolean ReminderNextTime?=dateTime ReminderMinutesBeforeStart? DisplayCc?=string DisplayTo?=string ' +
  'DisplayBcc?=string HasAttachments?=boolean ExtendedProperty*=ExtendedProperty Culture?=language EffectiveRights? LastModifiedName?=string ' +
  'LastModifiedTime?=dateTime IsAssociated?=boolean WebClientReadFormQueryString?=string WebClientEditFormQueryString?=string ' +
  'ConversationId?=ItemId UniqueBody? Flag? StoreEntryId?=base64 InstanceKey?=base64 NormalizedBody? EntityExtractionResult? PolicyTag? ' +
  'ArchiveTag? RetentionDate?=dateTime Preview?=string RightsManagementLicenseData? PredictedActionReasons? IsClutter?=boolean ' +
  'BlockStatus?=boolean HasBlockedImages?=boolean TextBody? IconIndex? SearchKey?=base64 SortKey?=long Hashtags? Mentions? ' +
  'MentionedMe?=boolean MentionsPreview? MentionsEx? AppliedHashtags? AppliedHashtagsPreview? Likes? LikesPreview? ' +
  'PendingSocialActivityTagIds? AtAllMention?=boolean CanDelete?=boolean InferenceClassification?';

const MESSAGE =
  'Sender?=SingleRecipient ToRecipients? CcRecipients? BccRecipients? IsReadReceiptRequested?=boolean IsDeliveryReceiptRequested?=boolean ' +
  'ConversationIndex?=base64 ConversationTopic?=string From?=SingleRecipient InternetMessageId?=string IsRead?=boolean ' +
  'IsResponseRequested?=boolean References?=string ReplyTo? ReceivedBy?=SingleRecipient ReceivedRepresenting?=SingleRecipient ' +
  'ApprovalRequestData? VotingInformation? ReminderMessageData? MessageSafety? SenderSMTPAddress? MailboxGuids? ' +
  'PublishedCalendarItemIcs?=string PublishedCalendarItemName?=string';

const CALENDAR_ITEM =
  'UID? RecurrenceId? DateTimeStamp? Start?=dateTime End?=dateTime OriginalStart? IsAllDayEvent?=boolean LegacyFreeBusyStatus? Location? When? ' +
  'IsMeeting? IsCancelled? IsRecurring? MeetingRequestWasSent? IsResponseRequested? CalendarItemType? MyResponseType? Organizer? ' +
  'RequiredAttendees? OptionalAttendees? Resources? InboxReminders? ConflictingMeetingCount? AdjacentMeetingCount? ConflictingMeetings? ' +
  'AdjacentMeetings? Duration? TimeZone? AppointmentReplyTime? AppointmentSequenceNumber? AppointmentState? Recurrence? FirstOccurrence? ' +
  'LastOccurrence? ModifiedOccurrences? DeletedOccurrences? MeetingTimeZone? StartTimeZone? EndTimeZone? ConferenceType? ' +
  'AllowNewTimeProposal? IsOnlineMeeting? MeetingWorkspaceUrl? NetShowUrl? EnhancedLocation? StartWallClock? EndWallClock? ' +
  'StartTimeZoneId? EndTimeZoneId? IntendedFreeBusyStatus? JoinOnlineMeetingUrl? OnlineMeetingSettings? IsOrganizer? ' +
  'CalendarActivityData? DoNotForwardMeeting?';

const CONTACT =
  'FileAs? FileAsMapping? DisplayName? GivenName? Initials? MiddleName? Nickname? CompleteName? CompanyName? EmailAddresses? ' +
  'AbchEmailAddresses? PhysicalAddresses? PhoneNumbers? AssistantName? Birthday? BusinessHomePage? Children? Companies? ContactSource? ' +
  'Department? Generation? ImAddresses? JobTitle? Manager? Mileage? OfficeLocation? PostalAddressIndex? Profession? SpouseName? Surname? ' +
  'WeddingAnniversary? HasPicture? PhoneticFullName? PhoneticFirstName? PhoneticLastName? Alias? Notes? Photo? UserSMIMECertificate? ' +
  'MSExchangeCertificate? DirectoryId? ManagerMailbox? DirectReports? AccountName? IsAutoUpdateDisabled? IsMessengerEnabled? Comment? ' +
  'ContactShortId? ContactType? Gender? IsHidden? ObjectId? PassportId? IsPrivate? SourceId? TrustLevel? CreatedBy? Urls? Cid? ' +
  'SkypeAuthCertificate? SkypeContext? SkypeId? SkypeRelationship? YomiNickname? XboxLiveTag? InviteFree? HidePresenceAndProfile? ' +
  'IsPendingOutbound? SupportGroupFeeds? UserTileHash? UnifiedInbox? Mris? Wlid? AbchContactId? NotInBirthdayCalendar? ShellContactType? ' +
  'ImMri? PresenceTrustLevel? OtherMri? ProfileLastChanged? MobileIMEnabled? PartnerNetworkProfilePhotoUrl? ' +
  'PartnerNetworkThumbnailPhotoUrl? PersonId? ConversationGuid?';

const TASK =
  'ActualWork? AssignedTime? BillingInformation? ChangeCount? Companies? CompleteDate? Contacts? DelegationState? Delegator? DueDate? ' +
  'IsAssignmentEditable? IsComplete? IsRecurring? IsTeamTask? Mileage? Owner? PercentComplete? Recurrence? StartDate? Status? ' +
  'StatusDescription? TotalWork?';

const FOLDER =
  'FolderId?=FolderId ParentFolderId?=FolderId FolderClass?=string DisplayName?=string TotalCount?=int ChildFolderCount?=int ' +
  'ExtendedProperty*=ExtendedProperty ManagedFolderInformation? EffectiveRights? DistinguishedFolderId?=DistinguishedFolderIdNameType ' +
  'PolicyTag? ArchiveTag? ReplicaList?';

/** Item elements of t:NonEmptyArrayOfAllItemsType; those the simulator never reads are Lax. */
const ALL_ITEMS =
  'Item=Item | Message=Message | SharingMessage | CalendarItem=CalendarItem | Contact=Contact | DistributionList | MeetingMessage ' +
  '| MeetingRequest | MeetingResponse | MeetingCancellation | Task=Task | PostItem | ReplyToItem | ForwardItem | ReplyAllToItem ' +
  '| AcceptItem | TentativelyAcceptItem | DeclineItem | CancelCalendarItem | RemoveItem | SuppressReadReceipt | PostReplyItem ' +
  '| AcceptSharingInvitation | RoleMember | Network | Person';

/** The "real" item elements an UpdateItem change description may hold. */
const REAL_ITEMS =
  'Item=Item | Message=Message | SharingMessage | CalendarItem=CalendarItem | Contact=Contact | DistributionList | MeetingMessage ' +
  '| MeetingRequest | MeetingResponse | MeetingCancellation | Task=Task | PostItem | RoleMember | Network | Person';

export const ITEM_TYPES: Record<string, ComplexType> = {
  Body: text('string', { BodyType: ['req', 'BodyTypeType'], IsTruncated: ['opt', 'boolean'] }),
  ArrayOfStrings: tSeq('String*=string'),
  Item: tSeq(ITEM),
  Message: tSeq(`${ITEM} ${MESSAGE}`),
  CalendarItem: tSeq(`${ITEM} ${CALENDAR_ITEM}`),
  Contact: tSeq(`${ITEM} ${CONTACT}`),
  Task: tSeq(`${ITEM} ${TASK}`),
  NonEmptyArrayOfAllItems: tSeq(`( ${ALL_ITEMS} )+`),

  Folder: tSeq(`${FOLDER} PermissionSet? UnreadCount?=int`),
  CalendarFolder: tSeq(`${FOLDER} SharingEffectiveRights? PermissionSet?`),
  ContactsFolder: tSeq(`${FOLDER} SharingEffectiveRights? PermissionSet? SourceId?=string AccountName?=string`),
  SearchFolder: tSeq(`${FOLDER} PermissionSet? UnreadCount?=int SearchParameters?`),
  TasksFolder: tSeq(`${FOLDER} PermissionSet? UnreadCount?=int`),
  NonEmptyArrayOfFolders: tSeq(
    '( Folder=Folder | CalendarFolder=CalendarFolder | ContactsFolder=ContactsFolder | SearchFolder=SearchFolder | TasksFolder=TasksFolder )+',
  ),

  // UpdateItem.
  NonEmptyArrayOfItemChanges: tSeq('ItemChange+=ItemChange'),
  ItemChange: tSeq(
    '( ItemId=ItemId | OccurrenceItemId=OccurrenceItemId | RecurringMasterItemId=RecurringMasterItemId ) Updates=NonEmptyArrayOfItemChangeDescriptions CalendarActivityData?',
  ),
  NonEmptyArrayOfItemChangeDescriptions: tSeq('( AppendToItemField=ItemFieldChange | SetItemField=ItemFieldChange | DeleteItemField=DeleteItemField )+'),
  ItemFieldChange: tSeq(`${PATH} ( ${REAL_ITEMS} )`),
  DeleteItemField: tSeq(PATH),
};
