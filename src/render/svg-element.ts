/**
 * An SVG element from the markup of the SVG renderer (whose text is escaped), parsed as XML so that anything not
 * well-formed is refused rather than repaired.
 */
export function svgElement(markup: string): SVGSVGElement {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const el = doc.documentElement;
  if (!(el instanceof SVGSVGElement) || doc.querySelector('parsererror')) throw new Error('the chart could not be drawn');
  return document.importNode(el, true);
}
