// Compact JWS (RFC 7515) with RS256 and PS256 (RFC 7518 3.3, 3.5) over node:crypto: what the
// authority signs tokens with and what it checks client assertions with.
import { createSign, createVerify, constants, type KeyObject } from 'node:crypto';

export type JwtAlgorithm = 'RS256' | 'PS256';
export type JsonObject = { [key: string]: unknown };

function part(value: JsonObject): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signOptions(alg: JwtAlgorithm, key: KeyObject): KeyObject | { key: KeyObject; padding: number; saltLength: number } {
  return alg === 'PS256' ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : key;
}

export function signJwt(header: JsonObject & { alg: JwtAlgorithm }, payload: JsonObject, key: KeyObject): string {
  const input = `${part({ typ: 'JWT', ...header })}.${part(payload)}`;
  const signature = createSign('SHA256').update(input).sign(signOptions(header.alg, key));
  return `${input}.${signature.toString('base64url')}`;
}

export interface DecodedJwt {
  header: JsonObject;
  payload: JsonObject;
  signingInput: string;
  signature: Buffer;
}

function parseJson(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** Splits and parses a compact JWS; undefined when it is not one (three base64url parts, JSON objects). */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const header = parseJson(h);
  const payload = parseJson(p);
  if (!header || !payload) return undefined;
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

export function verifyJwt(decoded: DecodedJwt, key: KeyObject): boolean {
  const alg = decoded.header.alg;
  if (alg !== 'RS256' && alg !== 'PS256') return false;
  try {
    return createVerify('SHA256').update(decoded.signingInput).verify(signOptions(alg, key), decoded.signature);
  } catch {
    return false;
  }
}

export function stringClaim(payload: JsonObject, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' ? value : undefined;
}

export function numberClaim(payload: JsonObject, name: string): number | undefined {
  const value = payload[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
