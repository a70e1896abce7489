import { HEIGHT_MESSAGE } from '../lib/embed-message';

export { HEIGHT_MESSAGE };

/** Posts the page's height to the parent now and whenever it changes. */
export function reportHeight(id: string): () => void {
  let last = -1;
  const post = () => {
    const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last || window.parent === window) return;
    last = h;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, id, height: h }, '*');
  };
  const ro = new ResizeObserver(post);
  ro.observe(document.documentElement);
  ro.observe(document.body);
  window.addEventListener('load', post);
  post();
  return () => ro.disconnect();
}
