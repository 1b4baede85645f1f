// Behaviours of the Graph front that Microsoft's pages do not pin down. Each is a switch, with
// what is known, so a test can run the client against either answer.
export interface GraphSwitches {
  /**
   * Order of $batch responses. The JSON batching page: "the order of responses may differ from
   * the order of requests"; clients must match by id. Default 'shuffled' (seeded) so they do.
   */
  batchResponseOrder: 'shuffled' | 'request';
  /**
   * $top over 1000 on messages. The paging/query pages give 1000 as the maximum page size for
   * Outlook messages; whether a larger value is refused or cut is not documented. Default
   * 'error' (400 ErrorInvalidArgument), the answer that keeps a client within the limit.
   */
  topAboveMax: 'error' | 'clamp';
  /**
   * Folders of Recoverable Items other than Deletions, reached by id (Versions, Purges,
   * DiscoveryHolds have no Graph well-known name). Default 'deletionsOnly': they answer
   * ErrorItemNotFound and childFolders of the dumpster root lists Deletions only. 'all' follows
   * the beta-era scripts that list RecoverableItems* under the mailbox root (Posh365
   * Get-GraphMailFolderRecoverableItems, beta endpoint): UNVERIFIED for v1.0.
   */
  dumpsterFolders: 'deletionsOnly' | 'all';
  /**
   * permanentDelete. The message permanentDelete page: the message is placed "in the Purges
   * folder in the dumpster"; default 'purges' follows it whatever the mailbox's single item
   * recovery. 'hardDelete' applies the EWS simulator's HardDelete rule (Purges only with SIR or a hold).
   */
  permanentDelete: 'purges' | 'hardDelete';
  /**
   * contains() and startswith() in $filter on messages (subject, from/emailAddress/address/name).
   * The query-parameters page leaves function support to each resource and once said contains was
   * "not supported on any resources" (withdrawn: microsoft-graph-docs #4866, where contains on
   * from/emailAddress/address answered from /me/messages); msgraph-sdk-dotnet #2572 reports
   * startswith(subject,…) working on /users/{id}/mailFolders/{id}/messages (endswith refused). Default
   * 'supported' follows those live answers; 'refused' answers 400 ErrorInvalidUrlQueryFilter, as the
   * 2015-era service did ("'contains' and 'startswith' are not supported for filtering", docs-contrib #8368).
   */
  filterFunctions: 'supported' | 'refused';
}

export const DEFAULT_GRAPH_SWITCHES: GraphSwitches = {
  batchResponseOrder: 'shuffled',
  topAboveMax: 'error',
  dumpsterFolders: 'deletionsOnly',
  permanentDelete: 'purges',
  filterFunctions: 'supported',
};
