// Errors of the service that the renderer recognises. Only an error's text crosses IPC (Electron
// passes "Error invoking remote method '…': Error: <message>", the e2e harness the message
// alone), so the message is the contract: one fixed text per error, recognised here on both sides.

/** The code a NotConnectedError carries in the main process (and the CLI). */
export const NOT_CONNECTED_CODE = 'NOT_CONNECTED';

/** What every call that needs a signed-in mailbox says when there is none. */
export const NOT_CONNECTED_MESSAGE = 'Not connected: open a connection or the demo mailbox first.';

/** True for the service's "not connected" error, whether it is the error itself or a rejection that crossed IPC. */
export function isNotConnectedError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ('code' in error && error.code === NOT_CONNECTED_CODE) return true;
  return 'message' in error && typeof error.message === 'string' && error.message.endsWith(NOT_CONNECTED_MESSAGE);
}
