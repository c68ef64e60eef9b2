import { type BedrockError, bedrockErrors } from './bedrock-errors.js';

export interface ParsedAuth {
  kind: 'sigv4' | 'bearer' | 'none';
  accessKeyId?: string;
  /** The region of the SigV4 credential scope; bearer and anonymous requests carry none. */
  region?: string;
  /** Set when the credentials are recognisably bad (test convention: values starting `expired` / `invalid`). */
  error?: BedrockError;
}

const SIGV4 = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/**
 * Reads who signed a request. Signatures are not verified — the emulator only needs the caller's key and
 * region. Credentials whose key, session token or bearer token start with `expired` or `invalid` are
 * refused the way AWS refuses real ones, so auth errors can be exercised without faults.
 */
export function parseBedrockAuth(headers: Record<string, string>): ParsedAuth {
  const authorization = headers.authorization ?? '';
  const sigv4 = SIGV4.exec(authorization);
  if (sigv4) {
    const [, accessKeyId = '', , region = ''] = sigv4;
    const sessionToken = headers['x-amz-security-token'] ?? '';
    const error = credentialError(accessKeyId) ?? credentialError(sessionToken);
    return { kind: 'sigv4', accessKeyId, region, ...(error ? { error } : {}) };
  }
  const bearer = /^Bearer\s+(\S+)/i.exec(authorization);
  if (bearer) {
    const error = credentialError(bearer[1] ?? '');
    return { kind: 'bearer', ...(error ? { error } : {}) };
  }
  if (authorization !== '') return { kind: 'none', error: bedrockErrors.invalidCredentials() };
  return { kind: 'none' };
}

function credentialError(value: string): BedrockError | undefined {
  const lowered = value.toLowerCase();
  if (lowered.startsWith('expired')) return bedrockErrors.expiredToken();
  if (lowered.startsWith('invalid')) return bedrockErrors.invalidCredentials();
  return undefined;
}
