import { useEffect, useRef, useState } from 'react';
import { HEIGHT_MESSAGE } from '../../lib/embed-message';

/**
 * What the embed code will show, live: the embed itself in a sandboxed iframe as a host site would frame it, sized
 * by the height it reports (the same message the embed code's script listens to), and redrawn when an option changes.
 */
export function EmbedPreview({ url, label, title }: { url: string; label: string; title: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(360);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (!ref.current || e.source !== ref.current.contentWindow) return;
      const d: unknown = e.data;
      if (typeof d !== 'object' || d === null || (d as { type?: unknown }).type !== HEIGHT_MESSAGE) return;
      const h = Number((d as { height?: unknown }).height);
      if (Number.isFinite(h) && h > 0) setHeight(Math.min(Math.max(h, 120), 2000));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  return (
    <figure className="embed-preview" data-testid="embed-preview">
      <figcaption>{label}</figcaption>
      <iframe ref={ref} key={url} src={url} title={title} sandbox="allow-scripts allow-popups" style={{ height: `${height}px` }} />
    </figure>
  );
}
