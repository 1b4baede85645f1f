// A Graph profile's settings made concrete: the authority and Graph addresses with their defaults,
// the resource the token is for, the scopes asked, and the app-only certificate read from its files.
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DEFAULT_GRAPH_URL, defaultAuthorityUrl, type GraphConnectionSettings } from '../../shared/ipc';
import type { AppCertificate } from '../graph/auth/appOnly';
import { appOnlyScopes, ewsDelegatedScopes, GRAPH_RESOURCE, graphDelegatedScopes } from '../graph/auth/scopes';

/**
 * Graph's national clouds answer for their own resource (Microsoft Graph "National cloud
 * deployments"); any other address (the simulator, a test server) is taken as global Graph, whose
 * tokens it accepts.
 */
const NATIONAL_GRAPH_HOSTS = new Set(['graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);

export interface ResolvedGraphSettings {
  authorityUrl: string;
  graphUrl: string;
  resource: string;
  scopes: string[];
  mailbox: string;
}

/** The settings of a delegated sign-in whose token is for EWS in Exchange Online rather than Graph (ewsToken.ts). */
export interface SignInSettings extends GraphConnectionSettings {
  tokenFor?: 'graph' | 'ews';
}

export function resolveSettings(settings: SignInSettings): ResolvedGraphSettings {
  const authorityUrl = (settings.authorityUrl?.trim() || defaultAuthorityUrl(settings.tenantId.trim())).replace(/\/+$/, '');
  const graphUrl = (settings.graphUrl?.trim() || DEFAULT_GRAPH_URL).replace(/\/+$/, '');
  const host = new URL(graphUrl).host.toLowerCase();
  const resource = NATIONAL_GRAPH_HOSTS.has(host) ? `https://${host}` : GRAPH_RESOURCE;
  return {
    authorityUrl,
    graphUrl,
    resource,
    scopes: settings.signIn === 'appOnly' ? appOnlyScopes(resource) : settings.tokenFor === 'ews' ? ewsDelegatedScopes() : graphDelegatedScopes(resource),
    mailbox: settings.mailbox.trim(),
  };
}

export type CertificateLoad = { ok: true; certificate: AppCertificate } | { ok: false; message: string };

const hex = (value: string): string => value.replace(/[\s:]/g, '').toLowerCase();

/**
 * Reads the certificate and its private key PEM files; when a thumbprint is given it must be this
 * certificate's (SHA-1, as Entra shows it, or SHA-256), so a wrong file is caught before sign-in.
 */
export async function loadCertificate(files: NonNullable<GraphConnectionSettings['certificate']>): Promise<CertificateLoad> {
  let certificatePem: string;
  let privateKeyPem: string;
  try {
    [certificatePem, privateKeyPem] = await Promise.all([readFile(files.certificatePath, 'utf8'), readFile(files.privateKeyPath, 'utf8')]);
  } catch (error) {
    return { ok: false, message: `The certificate files could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch {
    return { ok: false, message: `${files.certificatePath} is not a PEM certificate.` };
  }
  try {
    const key = createPrivateKey(privateKeyPem);
    if (!certificate.checkPrivateKey(key)) return { ok: false, message: `The private key in ${files.privateKeyPath} does not belong to the certificate.` };
  } catch {
    return {
      ok: false,
      message: `${files.privateKeyPath} is not an unencrypted private key PEM (export it without a password, readable only by you).`,
    };
  }
  const sha1 = createHash('sha1').update(certificate.raw).digest('hex');
  const sha256 = createHash('sha256').update(certificate.raw).digest('hex');
  if (files.thumbprint !== undefined && hex(files.thumbprint) !== sha1 && hex(files.thumbprint) !== sha256) {
    return {
      ok: false,
      message: `The certificate file's thumbprint is ${sha1.toUpperCase()}, not the ${files.thumbprint.trim()} given: is it the certificate uploaded to the app registration?`,
    };
  }
  if (Date.parse(certificate.validTo) < Date.now())
    return { ok: false, message: `The certificate expired on ${certificate.validTo}: upload a new one to the app registration.` };
  return { ok: true, certificate: { privateKeyPem, thumbprintSha256: sha256, certificatePem } };
}
