import { useEffect, useMemo, useRef, useState } from 'react';
import { messages } from '../../i18n';
import type { ChartSnapshot } from '../../snapshot/schema';
import { altText, citation } from '../../snapshot/alt-text';
import { chartPermalink, copyText, downloadCsv, downloadPng, downloadSvg, embedCode, embedUrl, type Theme } from './export';
import { EmbedPreview } from './EmbedPreview';

function CopyField({ label, value, multiline, testId, editable, onEdit, copyLabel, copiedLabel }: {
  label: string; value: string; multiline?: boolean; testId?: string; editable?: boolean; onEdit?: (v: string) => void; copyLabel: string; copiedLabel: string;
}) {
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const [done, setDone] = useState(false);
  return (
    <div className="copy-field">
      <label>
        {label}
        {multiline ? (
          <textarea ref={ref} data-testid={testId} value={value} readOnly={!editable} rows={4} onChange={(e) => onEdit?.(e.target.value)} />
        ) : (
          <input ref={ref} data-testid={testId} value={value} readOnly />
        )}
      </label>
      <button type="button" className="btn-link" onClick={() => void copyText(ref.current?.value ?? value, ref.current).then(() => setDone(true))}>
        {done ? copiedLabel : copyLabel}
      </button>
    </div>
  );
}

/** The choices of the embed: language, theme, title shown, transparent background. */
function EmbedOptions({ lang, embedLang, setEmbedLang, theme, setTheme, withTitle, setWithTitle, transparent, setTransparent }: {
  lang: 'fr' | 'en'; embedLang: 'fr' | 'en'; setEmbedLang: (l: 'fr' | 'en') => void; theme: Theme; setTheme: (t: Theme) => void;
  withTitle: boolean; setWithTitle: (b: boolean) => void; transparent: boolean; setTransparent: (b: boolean) => void;
}) {
  const m = messages(lang);
  return (
    <div className="share-options">
      <label>{m.shareLang}<select value={embedLang} onChange={(e) => setEmbedLang(e.target.value === 'en' ? 'en' : 'fr')}><option value="fr" lang="fr">Français</option><option value="en" lang="en">English</option></select></label>
      <label>{m.shareTheme}<select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}><option value="auto">{m.themeAuto}</option><option value="light">{m.themeLight}</option><option value="dark">{m.themeDark}</option></select></label>
      <label className="check"><input type="checkbox" checked={withTitle} onChange={(e) => setWithTitle(e.target.checked)} />{m.shareWithTitle}</label>
      <label className="check"><input type="checkbox" data-testid="share-transparent" checked={transparent} onChange={(e) => setTransparent(e.target.checked)} />{m.shareTransparent}</label>
    </div>
  );
}

/**
 * The share dialog of a chart: embed options and a live preview of the embed, embed code, permalink to the chart's
 * own view, PNG/SVG/CSV, alt texts (the dialog's language first), citation. Loaded on first use.
 */
export function ShareDialog({ snapshots, lang, onClose }: { snapshots: { fr: ChartSnapshot; en: ChartSnapshot }; lang: 'fr' | 'en'; onClose: () => void }) {
  const m = messages(lang);
  const ref = useRef<HTMLDialogElement>(null);
  const [embedLang, setEmbedLang] = useState<'fr' | 'en'>(lang);
  const [theme, setTheme] = useState<Theme>('auto');
  const [withTitle, setWithTitle] = useState(true);
  const [transparent, setTransparent] = useState(false);
  const [url, setUrl] = useState('');
  const [failed, setFailed] = useState(false);
  const [alt, setAlt] = useState({ fr: altText(snapshots.fr, 'fr'), en: altText(snapshots.en, 'en') });
  // Every export of the chart (embed, citation, CSV, images) carries the link to its own view.
  const s = useMemo(() => {
    const x = snapshots[embedLang];
    return { ...x, permalink: chartPermalink(x) };
  }, [snapshots, embedLang]);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  useEffect(() => {
    let live = true;
    // Built snapshots always encode (src/snapshot/fit.ts); should one not, the dialog says so rather than stay empty.
    embedUrl(s, { theme, title: withTitle, transparent }).then(
      (u) => {
        if (!live) return;
        setUrl(u);
        setFailed(false);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [s, theme, withTitle, transparent]);
  const code = useMemo(() => (url ? embedCode(url, s) : ''), [url, s]);
  const order: ('fr' | 'en')[] = lang === 'en' ? ['en', 'fr'] : ['fr', 'en'];
  return (
    <dialog ref={ref} className="share-dialog" aria-labelledby="share-title" onClose={onClose} onCancel={onClose}>
      <div className="share-head">
        <h2 id="share-title">{m.shareTitle}</h2>
        <button type="button" className="btn-link" onClick={() => ref.current?.close()}>{m.shareClose}</button>
      </div>
      <p className="muted">{snapshots[lang].title}</p>
      <EmbedOptions {...{ lang, embedLang, setEmbedLang, theme, setTheme, withTitle, setWithTitle, transparent, setTransparent }} />
      {url ? <EmbedPreview url={url} label={m.sharePreview} title={s.title} /> : null}
      {/* The field comes with its code (encoding a large chart takes a moment): never empty, nothing blank to copy. */}
      {code ? <CopyField label={m.embedCode} value={code} multiline testId="embed-code" copyLabel={m.copy} copiedLabel={m.copied} /> : null}
      {!code && !failed ? <p className="muted" role="status">{m.embedCode} — {m.loading}</p> : null}
      {failed ? <p className="error" role="alert" data-testid="embed-error">{m.shareFailed}</p> : null}
      <CopyField label={m.permalink} value={s.permalink} testId="permalink" copyLabel={m.copy} copiedLabel={m.copied} />
      <fieldset className="share-downloads">
        <legend>{m.downloadsLabel}</legend>
        <button type="button" className="btn" data-testid="download-png" onClick={() => void downloadPng(s)}>{m.downloadPng}</button>
        <button type="button" className="btn-link" data-testid="download-png-square" onClick={() => void downloadPng(s, true)}>{m.downloadPngSquare}</button>
        <button type="button" className="btn-link" data-testid="download-svg" onClick={() => downloadSvg(s)}>{m.downloadSvg}</button>
        <button type="button" className="btn-link" data-testid="download-csv" onClick={() => downloadCsv(s)}>{m.downloadCsv}</button>
      </fieldset>
      {order.map((l) => (
        <CopyField key={l} label={m.altTextLabel(m.langNames[l])} value={alt[l]} multiline editable onEdit={(v) => setAlt({ ...alt, [l]: v })} testId={`alt-${l}`} copyLabel={m.copy} copiedLabel={m.copied} />
      ))}
      <CopyField label={m.citationLabel} value={citation(s)} multiline copyLabel={m.copy} copiedLabel={m.copied} />
    </dialog>
  );
}
