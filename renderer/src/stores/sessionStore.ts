// Who is connected, the saved profiles, and the connect form's non-secret values. The password or
// token never enters this store: it lives in the form's local state until it is submitted.
import { create } from 'zustand';
import type { AuthKind, ConnectError, ConnectResult, ProfileSummary, SessionInfo } from '../../../shared/ipc';
import { errorMessage, sweeper } from '../lib/api';
import { useNoticeStore } from './noticeStore';

export interface ConnectDraft {
  url: string;
  authKind: AuthKind;
  user: string;
  impersonate: string;
  saveAs: string;
}

export interface ConnectSubmission extends ConnectDraft {
  secret: string;
  save: boolean;
}

interface SessionState {
  session?: SessionInfo;
  /** SMTP address of the impersonated mailbox, when one was opened. */
  impersonated?: string;
  profiles: ProfileSummary[];
  draft: ConnectDraft;
  connecting: boolean;
  error?: ConnectError;
  loadProfiles: () => Promise<void>;
  connect: (submission: ConnectSubmission) => Promise<boolean>;
  connectProfile: (profile: ProfileSummary, secret?: string) => Promise<boolean>;
  openDemo: () => Promise<boolean>;
  deleteProfile: (profileId: string) => Promise<void>;
  disconnect: () => Promise<void>;
}

const emptyDraft: ConnectDraft = { url: 'https://', authKind: 'basic', user: '', impersonate: '', saveAs: '' };

export const useSessionStore = create<SessionState>()((set, get) => {
  const settle = async (call: () => Promise<ConnectResult>, impersonated: string | undefined): Promise<boolean> => {
    set({ connecting: true, error: undefined });
    try {
      const result = await call();
      if (result.ok) {
        set({ session: result.session, impersonated, connecting: false, error: undefined });
        // Connected, but something the admin should know (e.g. the profile was saved without its password).
        if (result.notice) useNoticeStore.getState().show(result.notice);
        return true;
      }
      set({ connecting: false, error: result.error });
    } catch (error) {
      set({ connecting: false, error: { kind: 'network', message: errorMessage(error) } });
    }
    return false;
  };

  return {
    profiles: [],
    draft: emptyDraft,
    connecting: false,
    loadProfiles: async () => {
      set({ profiles: await sweeper().listProfiles() });
    },
    connect: async (submission) => {
      const { secret, save, ...draft } = submission;
      set({ draft });
      const impersonate = draft.impersonate.trim() || undefined;
      const ok = await settle(
        () =>
          sweeper().connect({
            url: draft.url.trim(),
            authKind: draft.authKind,
            user: draft.authKind === 'basic' ? draft.user.trim() : undefined,
            secret,
            impersonate,
            saveAs: save && draft.saveAs.trim() ? draft.saveAs.trim() : undefined,
          }),
        impersonate,
      );
      if (ok && save) void get().loadProfiles();
      return ok;
    },
    connectProfile: (profile, secret) =>
      settle(() => sweeper().connectProfile(secret === undefined ? { profileId: profile.id } : { profileId: profile.id, secret }), profile.impersonate),
    openDemo: () => settle(() => sweeper().openDemo(), undefined),
    deleteProfile: async (profileId) => {
      await sweeper().deleteProfile({ profileId });
      await get().loadProfiles();
    },
    disconnect: async () => {
      await sweeper().disconnect();
      set({ session: undefined, impersonated: undefined, error: undefined });
    },
  };
});
