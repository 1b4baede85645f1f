// The Graph half of connect, Test connection, saved profiles and Sign out. The sign-in itself
// (MSAL, the system browser, the sealed token cache) and opening the Graph backend are the port's
// GraphConnector, registered like the EWS backend (electron/backends/index.ts) when the app lends
// its dependencies, so nothing here imports Electron or a protocol client.
import type { ConnectError, ConnectResult, GraphConnectionSettings, GraphConnectRequest, TestConnectionResult } from '../../shared/ipc';
import type { GraphConnector, OpenResult } from '../backends/port';
import type { ProfileStore } from './profileStore';

export const GRAPH_UNAVAILABLE: ConnectError = {
  kind: 'unavailable',
  message: 'Microsoft Graph sign-in is not available in this build of the app: use an EWS connection.',
};

/** A copy of the settings with the strings trimmed and nothing that does not belong to the sign-in kind. */
export function graphSettingsFrom(request: GraphConnectRequest): GraphConnectionSettings {
  const g = request.graph;
  const settings: GraphConnectionSettings = { tenantId: g.tenantId.trim(), clientId: g.clientId.trim(), signIn: g.signIn, mailbox: g.mailbox.trim() };
  const authorityUrl = g.authorityUrl?.trim();
  if (authorityUrl) settings.authorityUrl = authorityUrl;
  const graphUrl = g.graphUrl?.trim();
  if (graphUrl) settings.graphUrl = graphUrl;
  if (g.signIn === 'appOnly' && g.certificate !== undefined) {
    settings.certificate = {
      certificatePath: g.certificate.certificatePath.trim(),
      privateKeyPath: g.certificate.privateKeyPath.trim(),
      ...(g.certificate.thumbprint?.trim() ? { thumbprint: g.certificate.thumbprint.trim() } : {}),
    };
  }
  return settings;
}

export function testGraph(connector: GraphConnector | undefined, request: GraphConnectRequest): Promise<TestConnectionResult> {
  if (connector === undefined) return Promise.resolve({ ok: false, steps: [{ name: 'Sign-in', outcome: 'failed', detail: GRAPH_UNAVAILABLE.message, ms: 0 }] });
  return connector.testConnection(graphSettingsFrom(request));
}

/**
 * Cancels the Graph sign-in under way (connect or Test connection): that attempt answers kind
 * 'cancelled'. Not queued behind the connect it cancels; false when none was under way.
 */
export function cancelGraphSignIn(connector: GraphConnector | undefined): { cancelled: boolean } {
  return { cancelled: connector?.cancelSignIn() ?? false };
}

/**
 * Opens a Graph mailbox and hands the backend to `install` (the service's one way to make a
 * session current); saves the profile afterwards when asked, so a failed sign-in is never remembered.
 */
export async function connectGraph(
  connector: GraphConnector | undefined,
  settings: GraphConnectionSettings,
  install: (opened: Extract<OpenResult, { ok: true }>['session']) => ConnectResult,
  save?: { profiles: ProfileStore; name: string },
): Promise<ConnectResult> {
  if (connector === undefined) return { ok: false, error: GRAPH_UNAVAILABLE };
  const opened = await connector.open(settings);
  if (!opened.ok) return opened;
  const result = install(opened.session);
  if (!result.ok || save === undefined) return result;
  try {
    const saved = await save.profiles.saveGraph(save.name, settings);
    return { ...result, savedProfileId: saved.id };
  } catch (error) {
    return { ...result, notice: `Connected, but the profile could not be saved: ${error instanceof Error ? error.message : String(error)}` };
  }
}
