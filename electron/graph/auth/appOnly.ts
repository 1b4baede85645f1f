// App-only sign-in for unattended runs over many mailboxes: MSAL's ConfidentialClientApplication
// with the tenant, the app's client id and a certificate (private key PEM + SHA-256 thumbprint;
// the public certificate is sent as x5c when given, for subject-name/issuer authentication).
// Tokens live in MSAL's memory cache only: a new run signs in again with the certificate.
import { createHash, X509Certificate } from 'node:crypto';
import { ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import type { TokenSource } from '../client';
import { authorityOptions, type AuthorityConfig } from './authority';
import { appOnlyScopes } from './scopes';

export interface AppCertificate {
  privateKeyPem: string;
  /** Hex SHA-256 of the certificate's DER, as Entra shows it. */
  thumbprintSha256: string;
  certificatePem?: string;
}

export interface AppOnlyOptions {
  tenantId: string;
  clientId: string;
  certificate: AppCertificate;
  /** Defaults to https://login.microsoftonline.com/{tenantId}. */
  authority?: AuthorityConfig;
  network?: INetworkModule;
}

/** The certificate fields MSAL needs, from the PEM files an admin exports (or the OS store later). */
export function appCertificateFromPem(certificatePem: string, privateKeyPem: string): AppCertificate {
  const cert = new X509Certificate(certificatePem);
  const thumbprintSha256 = createHash('sha256').update(cert.raw).digest('hex');
  return { privateKeyPem, thumbprintSha256, certificatePem };
}

export class AppOnlySignIn {
  private readonly app: ConfidentialClientApplication;

  constructor(options: AppOnlyOptions) {
    // A GUID or a verified domain: either is one path segment of the authority URL.
    if (!/^[a-z0-9.-]+$/i.test(options.tenantId)) throw new RangeError('Tenant id is neither a GUID nor a domain name.');
    const authority = options.authority ?? { url: `https://login.microsoftonline.com/${options.tenantId}` };
    this.app = new ConfidentialClientApplication({
      auth: {
        clientId: options.clientId,
        ...authorityOptions(authority),
        clientCertificate: {
          thumbprintSha256: options.certificate.thumbprintSha256,
          privateKey: options.certificate.privateKeyPem,
          ...(options.certificate.certificatePem ? { x5c: options.certificate.certificatePem } : {}),
        },
      },
      ...(options.network ? { system: { networkClient: options.network } } : {}),
    });
  }

  /** A token for the resource's application permissions ("{resource}/.default"). */
  async token(scopes: string[] = appOnlyScopes()): Promise<{ accessToken: string; expiresOn?: Date }> {
    const result = await this.app.acquireTokenByClientCredential({ scopes });
    if (!result) throw new Error('The authority returned no token.');
    return { accessToken: result.accessToken, ...(result.expiresOn ? { expiresOn: result.expiresOn } : {}) };
  }

  tokenSource(scopes: string[] = appOnlyScopes()): TokenSource {
    return async () => (await this.token(scopes)).accessToken;
  }
}
