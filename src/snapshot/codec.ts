import { ChartSnapshot } from './schema';
import { pipeBytes } from '../lib/pipe-bytes';

/** Fragments longer than this are refused before decoding (a snapshot is a few kilobytes). */
export const MAX_FRAGMENT = 200_000;
const PREFIX = 'v1.';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Encodes a snapshot for a URL fragment: JSON, deflate (the browser's own CompressionStream), base64url. */
export async function encodeSnapshot(s: ChartSnapshot): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(ChartSnapshot.parse(s)));
  return PREFIX + toBase64Url(await pipeBytes(json, new CompressionStream('deflate-raw')));
}

export type DecodeResult = { ok: true; snapshot: ChartSnapshot } | { ok: false; reason: 'empty' | 'format' | 'corrupt' | 'schema' };

/**
 * Decodes a fragment back into a snapshot, validated by the zod schema. A broken, truncated, oversized or
 * tampered fragment gives a reason, never an exception.
 */
export async function decodeSnapshot(fragment: string): Promise<DecodeResult> {
  const f = fragment.replace(/^#/, '').trim();
  if (!f) return { ok: false, reason: 'empty' };
  if (!f.startsWith(PREFIX) || f.length > MAX_FRAGMENT || !/^[A-Za-z0-9_-]+$/.test(f.slice(PREFIX.length))) return { ok: false, reason: 'format' };
  let value: unknown;
  try {
    const json = await pipeBytes(fromBase64Url(f.slice(PREFIX.length)), new DecompressionStream('deflate-raw'), 2_000_000);
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  const parsed = ChartSnapshot.safeParse(value);
  return parsed.success ? { ok: true, snapshot: parsed.data } : { ok: false, reason: 'schema' };
}

/** A short, stable id for an embed (FNV-1a of its fragment), used to match height messages to their iframe. */
export function embedId(fragment: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < fragment.length; i++) {
    h ^= fragment.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `pno-${h.toString(36)}`;
}
