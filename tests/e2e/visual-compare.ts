import type { Locator, Page } from 'playwright-core';

/**
 * Screenshot comparison without a PNG library: Chromium decodes both images, draws them on canvases and counts the
 * pixels whose channels differ by more than a tolerance. The same Chromium that renders the charts reads the files,
 * so nothing is added to the dependencies.
 */

/** A pixel differs when one of its channels (0–255) differs by more than this: anti-aliasing noise stays below. */
export const CHANNEL_TOLERANCE = 16;
/**
 * A screenshot fails when more than this share of its pixels differ (0.02 %, a few dozen pixels of a chart), or when
 * its size changed. Three runs in a row on a loaded machine found no pixel differing in any of the 72 screenshots:
 * the margin left is for another machine's anti-aliasing, not for a moved label.
 */
export const MAX_DIFF_SHARE = 0.0002;

export interface PngDiff {
  readonly sameSize: boolean;
  readonly actualSize: string;
  readonly referenceSize: string;
  /** Pixels that differ, counted on the larger of the two sizes (a pixel only one image has differs). */
  readonly differing: number;
  readonly share: number;
  /** The reference faded, differing pixels in red (PNG). */
  readonly diffPng: Buffer;
}

/** Whether a comparison fails: a size change, or more differing pixels than the threshold allows. */
export function failed(d: PngDiff): boolean {
  return !d.sameSize || d.share > MAX_DIFF_SHARE;
}

/** Compares two PNGs in `page` (any page: about:blank will do) pixel by pixel. */
export async function comparePngs(page: Page, actual: Buffer, reference: Buffer): Promise<PngDiff> {
  const r = await page.evaluate(async ({ a, b, tol }) => {
    const load = (src: string) => new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error('a PNG could not be decoded'));
      img.src = src;
    });
    const [ia, ib] = await Promise.all([load(a), load(b)]);
    const w = Math.max(ia.naturalWidth, ib.naturalWidth);
    const h = Math.max(ia.naturalHeight, ib.naturalHeight);
    const pixels = (img: HTMLImageElement) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const ctx = c.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, w, h).data;
    };
    const pa = pixels(ia);
    const pb = pixels(ib);
    const out = document.createElement('canvas');
    out.width = w;
    out.height = h;
    const octx = out.getContext('2d') as CanvasRenderingContext2D;
    const diff = octx.createImageData(w, h);
    let differing = 0;
    for (let i = 0; i < pa.length; i += 4) {
      let off = false;
      for (let k = 0; k < 4; k++) if (Math.abs((pa[i + k] ?? 0) - (pb[i + k] ?? 0)) > tol) off = true;
      if (off) differing++;
      const grey = 255 - Math.round((255 - ((pb[i] ?? 0) + (pb[i + 1] ?? 0) + (pb[i + 2] ?? 0)) / 3) * 0.25);
      diff.data.set(off ? [255, 0, 0, 255] : [grey, grey, grey, 255], i);
    }
    octx.putImageData(diff, 0, 0);
    return {
      sameSize: ia.naturalWidth === ib.naturalWidth && ia.naturalHeight === ib.naturalHeight,
      actualSize: `${ia.naturalWidth}×${ia.naturalHeight}`,
      referenceSize: `${ib.naturalWidth}×${ib.naturalHeight}`,
      differing,
      share: differing / Math.max(1, w * h),
      diff: out.toDataURL('image/png'),
    };
  }, { a: `data:image/png;base64,${actual.toString('base64')}`, b: `data:image/png;base64,${reference.toString('base64')}`, tol: CHANNEL_TOLERANCE });
  const { diff, ...rest } = r;
  return { ...rest, diffPng: Buffer.from(diff.replace(/^data:image\/png;base64,/, ''), 'base64') };
}

/**
 * A screenshot of one element once it stopped changing: two shots in a row identical byte for byte (a chart that
 * redraws after a resize or a late answer is caught between two states otherwise). Animations are frozen and the
 * caret hidden; the page's own pixels, one per CSS pixel.
 */
export async function stableShot(el: Locator, tries = 6): Promise<Buffer> {
  const shot = () => el.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css', timeout: 60000 });
  let previous = await shot();
  for (let i = 1; i < tries; i++) {
    const next = await shot();
    if (next.equals(previous)) return next;
    previous = next;
  }
  throw new Error(`the element never stopped changing: ${tries} screenshots in a row all differ`);
}
