import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

import { ScimWatchError } from '../../../shared/contract';

/** Reads a PEM file of extra trusted CAs (SCIMWATCH_CA_FILE), with an error that names the file. */
export function readCaFile(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScimWatchError(
      'invalid_input',
      `The CA file ${path} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      'Check SCIMWATCH_CA_FILE (or the CA file setting) points at a readable PEM file.',
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ScimWatchError(
      'invalid_input',
      `The CA file ${path} holds no PEM certificate.`,
      'Export the proxy or emulator CA as PEM ("-----BEGIN CERTIFICATE-----").',
    );
  }
  return pem;
}

/** The system's roots plus every extra CA: setting `ca` replaces Node's defaults, so they are added back. */
export function caBundle(extra: readonly string[]): string[] {
  return [...rootCertificates, ...extra];
}
