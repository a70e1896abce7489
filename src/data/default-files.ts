import territoriesUrl from '../../data/territoires.csv?url';
import indicatorsUrl from '../../data/indicators.csv?url';
import datasetsUrl from '../../data/datasets.csv?url';
import illustrativeUrl from '../../data/observations-illustratives.csv?url';
import eurostatUrl from '../../data/eurostat-specialistes-tic.csv?url';
import deppNsiUrl from '../../data/depp-nsi.csv?url';
import type { DefaultFiles } from './load';

async function text(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

/** Fetches the committed default data from the app's own origin (emitted as assets by Vite). */
export async function fetchDefaultFiles(): Promise<DefaultFiles> {
  const [territories, indicators, datasets, illustrative, eurostat, deppNsi] = await Promise.all([
    text(territoriesUrl), text(indicatorsUrl), text(datasetsUrl), text(illustrativeUrl), text(eurostatUrl), text(deppNsiUrl),
  ]);
  return {
    territories,
    indicators,
    datasets,
    observations: { 'observations-illustratives.csv': illustrative, 'eurostat-specialistes-tic.csv': eurostat, 'depp-nsi.csv': deppNsi },
  };
}
