// The sign-in authority as MSAL's known authority with its OpenID metadata given, so MSAL makes
// no discovery call (no internet needed in tests, and no instance-discovery request to
// login.microsoftonline.com when the admin's authority is a sovereign cloud or the simulator).
import { z } from 'zod';
import type { NodeAuthOptions } from '@azure/msal-node';

/** The fields of an OpenID Provider Configuration document MSAL reads. */
export const openIdMetadataShape = z
  .object({
    issuer: z.string().url(),
    authorization_endpoint: z.string().url(),
    token_endpoint: z.string().url(),
    jwks_uri: z.string().url().optional(),
    end_session_endpoint: z.string().url().optional(),
  })
  .passthrough();

export type OpenIdMetadata = z.infer<typeof openIdMetadataShape>;

export interface AuthorityConfig {
  /** e.g. https://login.microsoftonline.com/{tenant-id} */
  url: string;
  /** The authority's /.well-known/openid-configuration, when known ahead (tests, air-gapped setups). */
  metadata?: OpenIdMetadata;
}

export function authorityHost(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw new RangeError('The sign-in authority must be https.');
  return parsed.host;
}

/** The auth options for MSAL other than the client's own credentials. */
export function authorityOptions(
  config: AuthorityConfig,
): Pick<NodeAuthOptions, 'authority' | 'knownAuthorities' | 'authorityMetadata' | 'cloudDiscoveryMetadata'> {
  const host = authorityHost(config.url);
  if (!config.metadata) return { authority: config.url, knownAuthorities: [host] };
  const metadata = openIdMetadataShape.parse(config.metadata);
  return {
    authority: config.url,
    knownAuthorities: [host],
    authorityMetadata: JSON.stringify(metadata),
    // One cloud entry naming only this host: MSAL then never asks Microsoft's discovery endpoint.
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${config.url.replace(/\/+$/, '')}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    }),
  };
}
