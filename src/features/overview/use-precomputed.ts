import { useEffect, useMemo, useState } from 'react';
import { hasStoredData } from '../../data/store';
import type { UrlState } from '../../lib/url-state';
import { joinYear, modelFromPrecomputed, OVERVIEW_DIR, overviewYearFile, pipelineFile, PrecomputedIndex, PrecomputedOverview, PrecomputedPipeline, PrecomputedYear, resolveOverviewYear, withPipeline } from './precomputed';
import type { OverviewModel } from './model';
import { answersFile, CATALOGUE_ANSWERS, checkAnswers, hasSettings, replayOverview, type OverviewSettings } from './replay';

/**
 * Whether the build computed the overview a URL asks for: any indicator and year (and either language: every file
 * holds both), any département's pipeline, from chart files; any trend départements and target, from the answers
 * of the overview's statements (replay.ts).
 */
export function isPrecomputedOverview(url: UrlState): boolean {
  return !url.vue;
}

/** A build-time file of the page's origin as JSON, or null when absent or unreadable. */
function fetchJson(name: string, mark?: string): Promise<unknown> {
  return fetch(`./precomputed/${name}`)
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null)
    .finally(() => (mark ? performance.mark(mark) : undefined));
}

let stored: Promise<boolean> | null = null;
/** The stored-data check's answer once it is in (undefined before). */
let storedRead: boolean | undefined;

/** Whether the analyst has stored data (checked once per page): then no build-time chart may be shown. */
function storedData(): Promise<boolean> {
  stored ??= hasStoredData().then((s) => (storedRead = s)).finally(() => performance.mark('overview:stored-checked'));
  return stored;
}

let pending: Promise<PrecomputedOverview | null> | null = null;
/** The default overview once read and checked (undefined before). */
let mainRead: PrecomputedOverview | null | undefined;

/**
 * The build-time overview, fetched once per page, or null when it must not be shown (the analyst has stored
 * data, so it would be wrong) or cannot be read. Started as the page's script runs, before React's first render.
 */
export function loadPrecomputed(): Promise<PrecomputedOverview | null> {
  pending ??= Promise.all([fetchJson('overview.json', 'overview:precomputed-read'), storedData()]).then(([json, isStored]: [unknown, boolean]) => {
    performance.mark('overview:precomputed-fetched');
    const parsed = isStored || json === null ? null : PrecomputedOverview.safeParse(json);
    performance.mark('overview:precomputed-parsed');
    mainRead = parsed?.success ? parsed.data : null;
    return mainRead;
  });
  return pending;
}

let others: Promise<Map<string, unknown> | null> | null = null;
let othersRead: Map<string, unknown> | null = null;
const parsedOthers = new Map<string, PrecomputedOverview | null>();

/**
 * The other indicators' default overviews computed at build time (overview-autres.json), by indicator, or null
 * when the build-time overview must not be shown. Fetched once, after the default overview's charts are painted.
 */
function loadPrecomputedOthers(): Promise<Map<string, unknown> | null> {
  others ??= loadPrecomputed().then(async (main) => {
    if (!main) return null;
    // The index too: with it in memory, an indicator change finds its build-time overview in the same render.
    const [json] = await Promise.all([fetchJson('overview-autres.json'), loadIndex()]);
    const list = json !== null && typeof json === 'object' && 'overviews' in json && Array.isArray(json.overviews) ? (json.overviews as unknown[]) : [];
    const all = new Map(list.map((o) => [o !== null && typeof o === 'object' && 'indicator' in o ? String(o.indicator) : '', o] as const));
    // Each one is checked in a task of its own while the page is idle (a check is a long task on a page that has
    // just loaded), not when its indicator is chosen.
    const ids = [...all.keys()];
    const next = () => {
      const id = ids.shift();
      if (id === undefined) return;
      otherOverview(all, id);
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
    othersRead = all;
    return all;
  });
  return others;
}

/** One of the other indicators' overviews, checked (once) when it is first wanted. */
function otherOverview(all: Map<string, unknown>, id: string): PrecomputedOverview | null {
  if (!parsedOthers.has(id)) {
    const parsed = all.has(id) ? PrecomputedOverview.safeParse(all.get(id)) : null;
    parsedOthers.set(id, parsed?.success ? parsed.data : null);
  }
  return parsedOthers.get(id) ?? null;
}

let index: Promise<PrecomputedIndex | null> | null = null;
/** The index once read and checked (undefined before). */
let indexRead: PrecomputedIndex | null | undefined;

/** The index of the overviews by indicator × year (catalogue and years), or null when absent or unreadable. */
function loadIndex(): Promise<PrecomputedIndex | null> {
  index ??= fetchJson(`${OVERVIEW_DIR}/index.json`).then((json) => {
    const parsed = json === null ? null : PrecomputedIndex.safeParse(json);
    indexRead = parsed?.success ? parsed.data : null;
    return indexRead;
  });
  return index;
}

/** The files of one indicator × year or one département × year, fetched and checked once per page, by file name. */
const files = new Map<string, Promise<unknown>>();
/** The same files once read and checked (null: absent or unreadable), for an answer without waiting. */
const filesRead = new Map<string, unknown>();

/** The file `name`, fetched once per page and turned into a value by `check` (null when absent or unreadable). */
function fileOnce<T>(name: string, check: (json: unknown) => T | null): Promise<T | null> {
  let p = files.get(name);
  if (!p) {
    p = fetchJson(name).then((json) => {
      const read = json === null ? null : check(json);
      filesRead.set(name, read);
      return read;
    });
    files.set(name, p);
  }
  return p as Promise<T | null>;
}

/** One indicator × year's overview. */
function yearOverview(ix: PrecomputedIndex, indicator: string, year: number): Promise<PrecomputedOverview | null> {
  return fileOnce(overviewYearFile(indicator, year), (json) => {
    const parsed = PrecomputedYear.safeParse(json);
    return parsed.success ? joinYear(ix, parsed.data) : null;
  });
}

/** One département × year's pipeline. */
function pipelineOf(code: string, year: number): Promise<PrecomputedPipeline | null> {
  return fileOnce(pipelineFile(code, year), (json) => {
    const parsed = PrecomputedPipeline.safeParse(json);
    return parsed.success && parsed.data.code === code && parsed.data.year === year ? parsed.data : null;
  });
}

/** The overviews replayed from the build's answers, by view (settings included), and the ones already made. */
const replayed = new Map<string, Promise<PrecomputedOverview | null>>();
const replayedRead = new Map<string, PrecomputedOverview | null>();

function replayKey(indicateur: string | undefined, annee: number | undefined, s: OverviewSettings): string {
  return JSON.stringify([indicateur ?? null, annee ?? null, s.territoires ?? null, s.cible ?? null, s.annee_cible ?? null]);
}

/**
 * The overview of a URL with trend départements or a target, made once per page by the overview's model over the
 * build's answers (the région's pipeline), or null when they must not be shown or cannot be read.
 */
function replayedOverview(indicateur: string | undefined, annee: number | undefined, s: OverviewSettings): Promise<PrecomputedOverview | null> {
  const key = replayKey(indicateur, annee, s);
  let p = replayed.get(key);
  if (!p) {
    p = Promise.all([loadIndex(), storedData()])
      .then(async ([ix, isStored]) => {
        if (isStored || !ix) return null;
        const id = ix.indicators.some((i) => i.id === indicateur) ? (indicateur as string) : ix.defaultIndicator;
        const files = await Promise.all([fileOnce(CATALOGUE_ANSWERS, checkAnswers), fileOnce(answersFile(id), checkAnswers)]);
        const [catalogue, own] = files;
        return catalogue && own ? replayOverview([catalogue, own], { indicateur, annee, ...s }) : null;
      })
      // Whatever fails here, the page waits for DuckDB instead.
      .catch(() => null)
      .then((o) => {
        replayedRead.set(key, o);
        return o;
      });
    replayed.set(key, p);
  }
  return p;
}

/** Each overview with another pipeline, made once (the same object on every render). */
const combined = new WeakMap<PrecomputedOverview, Map<string, PrecomputedOverview | null>>();

/**
 * An overview with the pipeline of `parcours` (none: its own, the région's), from the files read: null when the
 * build has no such pipeline, undefined when its file is not read yet.
 */
function withParcours(o: PrecomputedOverview, parcours: string | undefined): PrecomputedOverview | null | undefined {
  if (parcours === undefined || o.year === null) return parcours === undefined ? o : null;
  const name = pipelineFile(parcours, o.year);
  if (!filesRead.has(name)) return undefined;
  const p = filesRead.get(name) as PrecomputedPipeline | null;
  if (!p) return null;
  let made = combined.get(o);
  if (!made) combined.set(o, (made = new Map()));
  if (!made.has(parcours)) made.set(parcours, withPipeline(o, p));
  return made.get(parcours);
}

/** The build-time overview of one indicator × year among the files already read, or undefined. */
function alreadyRead(at: { indicator: string; year: number }): PrecomputedOverview | undefined {
  if (mainRead && mainRead.indicator === at.indicator && mainRead.year === at.year) return mainRead;
  const other = othersRead?.has(at.indicator) ? otherOverview(othersRead, at.indicator) : null;
  if (other && other.year === at.year) return other;
  return (filesRead.get(overviewYearFile(at.indicator, at.year)) as PrecomputedOverview | null | undefined) ?? undefined;
}

/**
 * The build-time overview of a URL's `indicateur` and `annee` from what this page has already read, without
 * waiting: null when the build has none or it must not be shown, undefined when the answer needs a file (or the
 * stored-data check) not in yet. An indicator or year change then draws in the render that makes it, with no busy
 * frame in between.
 */
export function precomputedNow(indicateur: string | undefined, annee: number | undefined, parcours?: string, settings: OverviewSettings = {}): PrecomputedOverview | null | undefined {
  const base = hasSettings(settings) ? replayedRead.get(replayKey(indicateur, annee, settings)) : baseNow(indicateur, annee);
  return base ? withParcours(base, parcours) : base;
}

/** precomputedNow without the pipeline's territory. */
function baseNow(indicateur: string | undefined, annee: number | undefined): PrecomputedOverview | null | undefined {
  if (storedRead === undefined) return undefined;
  if (storedRead) return null;
  if (indicateur === undefined && annee === undefined) return mainRead;
  if (indexRead === undefined) return undefined;
  const at = indexRead ? resolveOverviewYear(indexRead, indicateur, annee) : null;
  if (!at) return null;
  const name = overviewYearFile(at.indicator, at.year);
  return alreadyRead(at) ?? (filesRead.has(name) ? null : undefined);
}

/**
 * The build-time overview of a URL's `indicateur` and `annee` (either may be absent: the model's defaults), or
 * null when the build has none or it must not be shown. The default view is `overview.json`; any other is found
 * through the index (the indicator and year the live model would pick for that URL), from the files already read
 * when they hold it, else from its own file, fetched then.
 */
export async function precomputedOverview(indicateur: string | undefined, annee: number | undefined, parcours?: string, settings: OverviewSettings = {}): Promise<PrecomputedOverview | null> {
  const base = hasSettings(settings) ? replayedOverview(indicateur, annee, settings) : indicateur === undefined && annee === undefined ? loadPrecomputed() : baseOverview(indicateur, annee);
  if (parcours === undefined) return base;
  const o = await base;
  if (!o || o.year === null) return null;
  await pipelineOf(parcours, o.year);
  return withParcours(o, parcours) ?? null;
}

/** precomputedOverview of another indicator or year than the default, with the région's pipeline. */
async function baseOverview(indicateur: string | undefined, annee: number | undefined): Promise<PrecomputedOverview | null> {
  // Whether the analyst has stored data is checked beside the reads, not before them: the files are only read
  // (never shown) when the check says they would be wrong.
  const [found, isStored] = await Promise.all([fromFiles(indicateur, annee), storedData()]);
  return isStored ? null : found;
}

/** The file the index names for a URL's indicator and year, or one already read that holds the same view. */
async function fromFiles(indicateur: string | undefined, annee: number | undefined): Promise<PrecomputedOverview | null> {
  const [ix] = await Promise.all([loadIndex(), pending]);
  const at = ix ? resolveOverviewYear(ix, indicateur, annee) : null;
  if (!ix || !at) return null;
  return alreadyRead(at) ?? yearOverview(ix, at.indicator, at.year);
}

/**
 * The overview's charts computed at build time, so a first chart needs no database: for the view the URL asks
 * for (any indicator and year, either language) when `exact`; otherwise (territories picked, another target…)
 * the last one shown, busy, until DuckDB answers. Used only when the page opened on a precomputed view with DuckDB
 * not ready, while the data is still the one loaded then, and only when the analyst has no stored data (else they
 * would be wrong). They are the same SQL's answers on the same data: live answers replace them as they come.
 * `unavailable` is called when the build has nothing to show (DuckDB then need not wait for it).
 */
export function usePrecomputedOverview(
  enabled: boolean, lang: 'fr' | 'en', permalink: string, unavailable: () => void, view: { indicateur?: string; annee?: number; parcours?: string } & OverviewSettings, exact: boolean,
): { exact: OverviewModel | null; fallback: OverviewModel | null } {
  const { indicateur, annee, parcours } = view;
  const settings: OverviewSettings = { territoires: view.territoires, cible: view.cible, annee_cible: view.annee_cible };
  const key = JSON.stringify([parcours ?? null, replayKey(indicateur, annee, settings)]);
  const [shown, setShown] = useState<{ key: string; data: PrecomputedOverview } | null>(null);
  // Already read (the usual case after the first paint): shown in this very render, not after a round trip.
  const now = enabled && exact ? precomputedNow(indicateur, annee, parcours, settings) : undefined;
  // Kept as the last one shown (the fallback of a view the build did not compute), in the same render.
  if (now && shown?.data !== now) setShown({ key, data: now });
  useEffect(() => {
    if (!enabled || !exact) return;
    if (now !== undefined) {
      if (!now) unavailable();
      return;
    }
    let live = true;
    void precomputedOverview(indicateur, annee, parcours, settings).then((d) => {
      if (!d) unavailable();
      else if (live) setShown({ key, data: d });
    });
    return () => {
      live = false;
    };
    // `key` encodes `indicateur`, `annee`, `parcours` and the settings; `unavailable` is a stable callback of the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, exact, key, now]);
  // The other indicators' default views come after the default one is on screen (for an indicator change made
  // before DuckDB is ready), only when the page opened on it.
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!enabled || !shown || painted || !pending) return;
    const frame = requestAnimationFrame(() => setTimeout(() => setPainted(true), 0));
    return () => cancelAnimationFrame(frame);
  }, [enabled, shown, painted]);
  useEffect(() => {
    if (painted) void loadPrecomputedOthers();
  }, [painted]);
  const data = now ?? (shown?.key === key ? shown.data : null);
  const last = shown?.data ?? null;
  const model = useMemo(() => (data ? modelFromPrecomputed(data, lang, permalink) : null), [data, lang, permalink]);
  const lastModel = useMemo(() => (last && last !== data ? modelFromPrecomputed(last, lang, permalink) : null), [last, data, lang, permalink]);
  if (!enabled) return { exact: null, fallback: null };
  return { exact: exact ? model : null, fallback: model ?? lastModel };
}
