import { describe, expect, test } from 'vitest';
import { checkStored, type StoredRecord } from '../../src/data/store';
import { identityDefaults, licenceEn, LICENCE_EUROSTAT, LICENCE_OUVERTE, sourceText } from '../../src/data/import/identity';
import { PRESETS } from '../../src/data/import/presets';

const eurostat = (dataset: string | null) => ({ format: 'eurostat' as const, recipe: null, eurostat: { layout: 'sdmx' as const, dataset, indicateur: null, dimensions: [] } });

describe('a dataset’s identity, pre-filled by its format', () => {
  test('Eurostat: producer, reuse notice, dataset code and page; no date made up', () => {
    expect(identityDefaults(eurostat('ISOC_SKS_ITSPS'), [], 'estat_isoc.csv')).toEqual({
      nom: 'ISOC_SKS_ITSPS', producteur: 'Eurostat', url: 'https://ec.europa.eu/eurostat/databrowser/view/isoc_sks_itsps/default/table', date_publication: '', licence: LICENCE_EUROSTAT,
    });
    expect(identityDefaults(eurostat(null), [], 'fichier.tsv')).toMatchObject({ nom: 'fichier', producteur: 'Eurostat', url: '' });
    expect(licenceEn(LICENCE_EUROSTAT)).toBe('Reuse authorised with acknowledgement of the source (Eurostat)');
  });

  test('presets carry their producer and the Licence Ouverte 2.0; a canonical file its source column', () => {
    const producers = PRESETS.map((p) => identityDefaults({ format: 'recette', recipe: p, eurostat: null }, [], 'x.csv')).map((i) => [i.producteur, i.licence]);
    for (const [producer, licence] of producers) {
      expect(['SIES', 'Insee', 'DEPP']).toContain(producer);
      expect(licence).toBe(LICENCE_OUVERTE);
    }
    // A recipe of the analyst's names its producer by its first word, never by a word further on.
    // An analyst's recipe made from a preset (the form drops the preset's page once anything is changed).
    const own = (nom: string, source?: string) => identityDefaults({ format: 'recette', recipe: { ...(PRESETS[0] as (typeof PRESETS)[number]), nom, source, url: undefined }, eurostat: null }, [], 'x.csv');
    expect(own('Enquête associative (comparée à Insee)', 'Association X')).toMatchObject({ producteur: '', licence: '' });
    expect(own('Ma copie', 'Insee, recensement 2021')).toMatchObject({ producteur: 'Insee', licence: LICENCE_OUVERTE, url: '' });
    // A preset's dataset page: DEPP's and SIES's files each have theirs; Melodi's tables and the census detail files vary.
    const urls = PRESETS.map((p) => identityDefaults({ format: 'recette', recipe: p, eurostat: null }, [], 'x.csv').url);
    expect(urls).toEqual([
      'https://data.enseignementsup-recherche.gouv.fr/explore/dataset/fr-esr-sise-effectifs-d-etudiants-inscrits-esr-public/', '', '',
      'https://data.education.gouv.fr/explore/dataset/fr-en-effectifs-specialites-doublettes-terminale-generale/',
      'https://data.education.gouv.fr/explore/dataset/fr-en-effectifs-specialites-triplettes-1ere-generale/',
      'https://data.enseignementsup-recherche.gouv.fr/explore/dataset/fr-esr-principaux-diplomes-et-formations-prepares-etablissements-publics/',
      'https://data.enseignementsup-recherche.gouv.fr/explore/dataset/fr-esr-principaux-diplomes-et-formations-prepares-etablissements-publics/',
    ]);
    expect(identityDefaults({ format: 'canonique', recipe: null }, ['Insee RP 2021', 'Dares'], 'emploi.csv')).toEqual({ nom: 'emploi', producteur: 'Insee RP 2021 ; Dares', url: '', date_publication: '', licence: '' });
    expect(sourceText({ nom: 'isoc', producteur: 'Eurostat', url: '', date_publication: '', licence: '' }, 'f.csv')).toBe('Eurostat, isoc');
    expect(sourceText({ nom: '', producteur: '', url: '', date_publication: '', licence: '' }, 'f.csv')).toBe('f.csv');
    // A name that starts with its producer is not prefixed with it again; one that only starts like it is.
    const cite = (producteur: string, nom: string) => sourceText({ nom, producteur, url: '', date_publication: '', licence: '' }, 'f.csv');
    expect(cite('DEPP', 'DEPP – spécialités en terminale générale (doublettes), NSI')).toBe('DEPP – spécialités en terminale générale (doublettes), NSI');
    expect(cite('Insee', 'insee, recensement')).toBe('insee, recensement');
    expect(cite('Insee', 'Inseec, enquête')).toBe('Insee, Inseec, enquête');
    expect(cite('SIES', 'SIES')).toBe('SIES');
  });

  test('stored with the record; older records without it stay readable; a malformed date is refused', () => {
    const rec: StoredRecord = {
      id: 'emploi', nom: 'emploi.csv', fileName: 'emploi.csv', sha256: 'a'.repeat(64), options: {}, recipe: null, importedAt: new Date(Date.UTC(2026, 11, 1)).toISOString(),
      actif: true, priorite: 10, rows: 3, bytes: new Blob(['x']),
    };
    expect(checkStored(rec).ok).toBe(true);
    const identite = { nom: 'Emploi', producteur: 'Insee', url: 'https://insee.fr', date_publication: '2025-03-14', licence: LICENCE_OUVERTE };
    expect(checkStored({ ...rec, identite }).ok).toBe(true);
    expect(checkStored({ ...rec, identite: { ...identite, date_publication: '14/03/2025' } }).ok).toBe(false);
    expect(checkStored({ ...rec, identite: { ...identite, extra: 1 } }).ok).toBe(false);
    const part = { fileName: 'b.csv', sha256: 'b'.repeat(64), options: {}, recipe: null, importedAt: rec.importedAt, rows: 1, bytes: new Blob(['y']) };
    expect(checkStored({ ...rec, parts: [part] }).ok).toBe(true);
    expect(checkStored({ ...rec, parts: [{ ...part, sha256: 'nope' }] }).ok).toBe(false);
  });
});
