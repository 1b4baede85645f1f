// Who is connected, the saved profiles, and the connect form's non-secret values. The password,
// token or proxy password never enters this store: it lives in the form's local state and is
// passed straight through to window.sweeper when submitted.
import { create } from 'zustand';
import type { ConnectError, ConnectResult, ProfileSummary, SessionInfo, UnreadableEntry } from '../../../shared/ipc';
import { errorMessage, sweeper } from '../lib/api';
import { buildRequest, emptyDraft, type ConnectConfirmations, type ConnectDraft, type ConnectSecrets } from '../lib/connectRequest';
import { useNoticeStore } from './noticeStore';

export type { ConnectDraft } from '../lib/connectRequest';

export interface ConnectOptions {
  save: boolean;
  confirmations?: ConnectConfirmations;
}

interface SessionState {
  session?: SessionInfo;
  /** SMTP address of the impersonated mailbox, when one was opened. */
  impersonated?: string;
  profiles: ProfileSummary[];
  /** Entries of profiles.json that are not readable profiles: kept in the file, never offered. */
  unreadableProfiles: UnreadableEntry[];
  draft: ConnectDraft;
  connecting: boolean;
  /** The attempt under way signs in in the browser (Microsoft Graph, or EWS through Microsoft 365): Cancel sign-in is offered. */
  signingIn: boolean;
  /** The last attempt ended because the admin cancelled it (its sign-in, or the EWS connect): said as a state, not an error. */
  signInCancelled: boolean;
  /**
   * The EWS server (host) the attempt under way waits on, when it has no browser step: the screen
   * offers Cancel once it takes longer than a moment. Not set for the demo mailbox, which is local.
   */
  connectingTo?: string;
  /** The server of the last attempt when it was an EWS connect the admin cancelled ("Connection to … cancelled."). */
  cancelledTo?: string;
  error?: ConnectError;
  /** Where the failed attempt came from: only the form can answer a question by sending again. */
  errorFrom?: 'form' | 'profile';
  loadProfiles: () => Promise<void>;
  connect: (draft: ConnectDraft, secrets: ConnectSecrets, options: ConnectOptions) => Promise<boolean>;
  connectProfile: (profile: ProfileSummary, secret?: string) => Promise<boolean>;
  openDemo: () => Promise<boolean>;
  deleteProfile: (profileId: string) => Promise<void>;
  disconnect: () => Promise<void>;
  /** Forgets the Microsoft Graph sign-ins kept on this computer (and closes a Graph connection). */
  signOut: () => Promise<void>;
  /** Cancels the sign-in or EWS connect under way; the attempt itself then ends as cancelled (a late cancel changes nothing). */
  cancelSignIn: () => Promise<void>;
}

/** The host an EWS address names, for "Connecting to …" (the address itself when it does not parse). */
export function hostOf(url: string): string {
  try {
    return new URL(url.trim()).host || url.trim();
  } catch {
    return url.trim();
  }
}

export const useSessionStore = create<SessionState>()((set, get) => {
  const settle = async (
    call: () => Promise<ConnectResult>,
    impersonated: string | undefined,
    from: 'form' | 'profile',
    signingIn = false,
    connectingTo?: string,
  ): Promise<boolean> => {
    // A browser sign-in says so itself (SignInProgress): no host then.
    const waitsOn = signingIn ? undefined : connectingTo;
    set({ connecting: true, signingIn, signInCancelled: false, connectingTo: waitsOn, cancelledTo: undefined, error: undefined, errorFrom: undefined });
    try {
      const result = await call();
      if (result.ok) {
        set({ session: result.session, impersonated, connecting: false, signingIn: false, connectingTo: undefined, error: undefined });
        // Connected, but something the admin should know (e.g. the profile was saved without its password).
        if (result.notice) useNoticeStore.getState().show(result.notice);
        return true;
      }
      if (result.error.kind === 'cancelled') set({ connecting: false, signingIn: false, signInCancelled: true, connectingTo: undefined, cancelledTo: waitsOn });
      else set({ connecting: false, signingIn: false, connectingTo: undefined, error: result.error, errorFrom: from });
    } catch (error) {
      set({ connecting: false, signingIn: false, connectingTo: undefined, error: { kind: 'network', message: errorMessage(error) }, errorFrom: from });
    }
    return false;
  };

  return {
    profiles: [],
    unreadableProfiles: [],
    draft: emptyDraft,
    connecting: false,
    signingIn: false,
    signInCancelled: false,
    loadProfiles: async () => {
      const { profiles, unreadable } = await sweeper().listProfiles();
      set({ profiles, unreadableProfiles: unreadable });
    },
    connect: async (draft, secrets, { save, confirmations }) => {
      set({ draft });
      const request = buildRequest(draft, secrets, confirmations, save ? draft.saveAs : undefined);
      const opened = request.backend === 'graph' ? request.graph.mailbox : request.impersonate;
      const browserSignIn = request.backend === 'graph' || request.authKind === 'microsoft365';
      const ok = await settle(() => sweeper().connect(request), opened, 'form', browserSignIn, request.backend === 'graph' ? undefined : hostOf(request.url));
      if (ok && save) void get().loadProfiles();
      return ok;
    },
    connectProfile: (profile, secret) =>
      settle(
        () => sweeper().connectProfile(secret === undefined ? { profileId: profile.id } : { profileId: profile.id, secret }),
        profile.graph?.mailbox ?? profile.impersonate,
        'profile',
        profile.graph !== undefined || profile.authKind === 'microsoft365',
        profile.graph === undefined ? hostOf(profile.url) : undefined,
      ),
    openDemo: () => settle(() => sweeper().openDemo(), undefined, 'profile'),
    deleteProfile: async (profileId) => {
      await sweeper().deleteProfile({ profileId });
      await get().loadProfiles();
    },
    disconnect: async () => {
      await sweeper().disconnect();
      set({ session: undefined, impersonated: undefined, error: undefined, errorFrom: undefined });
    },
    signOut: async () => {
      const result = await sweeper().signOut();
      const session = get().session;
      // A connection resting on the kept sign-in closes with it (the service closed it); others stay open.
      if (session?.closedBySignOut === true) set({ session: undefined, impersonated: undefined, error: undefined, errorFrom: undefined });
      // Named as the admin signed in: EWS through "Microsoft 365 sign-in", else Graph's form.
      const from = session?.closedBySignOut === true && session.backend !== 'graph' ? 'Microsoft 365' : 'Microsoft Graph';
      useNoticeStore.getState().show(result.ok ? `Signed out of ${from} on this computer.` : result.message);
    },
    cancelSignIn: async () => {
      try {
        await sweeper().cancelSignIn();
      } catch (error) {
        useNoticeStore.getState().show(`The sign-in could not be cancelled: ${errorMessage(error)}`);
      }
    },
  };
});
