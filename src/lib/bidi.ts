/**
 * Bidirectional formatting controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the
 * implicit marks (U+200E, U+200F, U+061C). One of them in a label or a source would reorder the text drawn after it
 * (« Insee\u202e » mirrors the date and licence that follow), so text that comes from data never carries them.
 */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** The text without bidirectional controls; text without any is returned as it is. */
export function stripBidi(s: string): string {
  return s.replace(BIDI_CONTROLS, '');
}
