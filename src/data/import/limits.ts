/**
 * The import's bounds on what one cell or one value may be, in one place: the import enforces them, and other
 * readers of observations (embeds, shared snapshots) accept values up to the same bounds by importing them here.
 */

/**
 * Largest count (femmes, hommes, total) an observation may hold: a thousand billion, far above any population
 * (the EU counts about 450 million people), and low enough that sums of counts stay exact integers in a double
 * and never reach Infinity. A count above it is refused (`effectif_trop_grand`), in a cell or in a recipe's sum.
 */
export const MAX_COUNT = 1e12;

/**
 * Longest cell the import reads, in characters (code points). Real published cells are far shorter (the longest in
 * the Insee, DEPP and Eurostat files of the fixtures is about 100 characters); a longer cell is refused
 * (`cellule_trop_longue`) before any parsing, so no parsing work grows with an attacker's cell. The source column
 * has its own, lower limit (MAX_SOURCE_CHARS: cut with a warning), and cells of columns the import does not read
 * are never parsed, so neither is checked against this one.
 */
export const MAX_CELL_CHARS = 5000;

/** Longest source kept (CanonicalRow.source), in characters (code points); a longer one is cut, with a warning. */
export const MAX_SOURCE_CHARS = 500;

/** Characters as a person counts them: code points (an emoji is one character, not two UTF-16 units). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; a lone surrogate counts as one.
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The code-point length of a cell longer than MAX_CELL_CHARS, or null for a cell within the limit. */
export function overlongCell(cell: string, max = MAX_CELL_CHARS): number | null {
  // UTF-16 units are never fewer than code points: most cells are decided without counting.
  if (cell.length <= max) return null;
  const n = codePointLength(cell);
  return n > max ? n : null;
}

/** Grapheme clusters (a letter with its accents, an emoji sequence), where the platform segments them. */
const graphemes = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('fr', { granularity: 'grapheme' }) : null;

/**
 * The first `max` characters (code points) of `s` at most, cut between two grapheme clusters (never inside an
 * emoji, a surrogate pair or a letter and its accent), or between two code points when a single cluster is longer
 * than `max`. Only the start of `s` is looked at, so the cost does not grow with a long `s`.
 */
export function cutToCodePoints(s: string, max: number): string {
  if (s.length <= max) return s;
  // Enough UTF-16 units for `max` code points and the cluster that follows them.
  const window = s.slice(0, 2 * max + 64);
  let out = '';
  let n = 0;
  if (graphemes) {
    for (const { segment } of graphemes.segment(window)) {
      const k = codePointLength(segment);
      if (n + k > max) break;
      out += segment;
      n += k;
    }
    if (out !== '') return out;
  }
  for (const cp of window) {
    if (n + 1 > max) break;
    out += cp;
    n++;
  }
  return out;
}
