// The one error for a call that needs a signed-in mailbox when there is none (the app before
// connecting or after disconnecting, a many-mailbox service built for history only). Its text and
// code are in shared/serviceErrors.ts so the renderer can recognise it.
import { NOT_CONNECTED_CODE, NOT_CONNECTED_MESSAGE } from '../../shared/serviceErrors';

export class NotConnectedError extends Error {
  readonly code = NOT_CONNECTED_CODE;

  // The name stays 'Error': Electron sends "<name>: <message>" to the renderer, whose errorMessage
  // strips "Error: ", so the admin reads the sentence alone.
  constructor() {
    super(NOT_CONNECTED_MESSAGE);
  }
}
