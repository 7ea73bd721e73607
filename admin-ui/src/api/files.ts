import { useEffect, useState } from 'react';
import { api } from './client.js';
import type { Answer, Schemas } from './contract.js';

/** What the platform accepts as an upload (GET /api/files/limits). */
export type UploadLimits = Schemas['UploadLimitsDto'];

let pending: Promise<UploadLimits> | undefined;

/** The limits, asked once per page load: they change only with the server's configuration. */
export function fetchUploadLimits(): Promise<UploadLimits> {
  pending ??= api<Answer<'/api/files/limits', 'get'>>('/api/files/limits').catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

/** The limits once known; undefined before (or if they cannot be read: the server still checks). */
export function useUploadLimits(): UploadLimits | undefined {
  const [limits, setLimits] = useState<UploadLimits>();
  useEffect(() => {
    let live = true;
    fetchUploadLimits().then(
      (found) => live && setLimits(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return limits;
}

/** Why a file cannot be sent, checked in the browser before any byte goes out. */
export type UploadRefusal = { reason: 'too-large' } | { reason: 'wrong-type' };

export function checkUpload(file: File, limits: UploadLimits): UploadRefusal | undefined {
  if (file.size > limits.maxBytes) return { reason: 'too-large' };
  const name = file.name.toLowerCase();
  const knownEnding = limits.extensions.some((extension) => name.endsWith(extension));
  // Browsers leave the type empty when they do not know it; the ending decides then.
  if (!knownEnding && !limits.mediaTypes.includes(file.type)) return { reason: 'wrong-type' };
  return undefined;
}

/** "PDF, PNG, JPG, JPEG": the endings as people name the file types. */
export function typeNames(limits: UploadLimits): string {
  return limits.extensions.map((extension) => extension.replace(/^\./, '').toUpperCase()).join(', ');
}

/** Megabytes as a whole number when they are one ("20 MB"). */
export function sizeName(locale: string, bytes: number): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}
