import type { IndicatorRow, SourceRow, TerritoryRow } from '../data/sql/catalogue';
import { messages, type Messages } from '../i18n';
import type { Lang } from '../lib/format';
import { SNAPSHOT_VERSION, type ChartSnapshot, type Source } from './schema';

/** What every builder needs besides its rows: language, catalogues, sources, and where the chart lives. */
export interface SnapshotContext {
  readonly lang: Lang;
  readonly territories: ReadonlyMap<string, TerritoryRow>;
  readonly sources: readonly SourceRow[];
  /** ISO time of generation. */
  readonly generatedAt: string;
  readonly permalink: string;
}

export function t(ctx: SnapshotContext): Messages {
  return messages(ctx.lang);
}

export function indicatorLabel(ctx: SnapshotContext, i: IndicatorRow): string {
  return ctx.lang === 'en' ? i.libelle_en : i.libelle_fr;
}

export function indicatorPhrase(ctx: SnapshotContext, i: IndicatorRow): string {
  return ctx.lang === 'en' ? i.phrase_en : i.phrase_fr;
}

export function indicatorDefinition(ctx: SnapshotContext, i: IndicatorRow): string {
  return ctx.lang === 'en' ? i.definition_en : i.definition_fr;
}

export function placeName(ctx: SnapshotContext, code: string): string {
  const tr = ctx.territories.get(code);
  return tr ? (ctx.lang === 'en' ? tr.nom_en : tr.nom_fr) : code;
}

/** "in <territory>" with the right French preposition. */
export function placeIn(ctx: SnapshotContext, code: string): string {
  const tr = ctx.territories.get(code);
  return tr ? (ctx.lang === 'en' ? tr.lieu_en : tr.lieu_fr) : code;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function withUrl(name: string, url: string | null | undefined): string {
  return url ? `${name}, ${url}` : name;
}

function sourcesOf(ctx: SnapshotContext): Source[] {
  return ctx.sources.map((s) => ({
    // The source's page, when the dataset states one, is part of what is cited.
    name: withUrl(ctx.lang === 'en' ? s.source_en : s.source, s.url),
    date: s.derniere_maj,
    licence: ctx.lang === 'en' ? s.licence_en : s.licence,
    illustratif: s.illustratif,
  }));
}

/** The fields every snapshot shares; `illustratif` is true when any source of the chart is illustrative. */
export function frame(ctx: SnapshotContext): Pick<ChartSnapshot, 'v' | 'lang' | 'unit' | 'sources' | 'illustratif' | 'generatedAt' | 'permalink'> {
  const sources = sourcesOf(ctx);
  return {
    v: SNAPSHOT_VERSION,
    lang: ctx.lang,
    unit: '%',
    sources,
    illustratif: sources.some((s) => s.illustratif),
    generatedAt: ctx.generatedAt,
    permalink: ctx.permalink,
  };
}
