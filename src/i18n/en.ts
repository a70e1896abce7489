import type { fr } from './fr';

/** Same keys and shapes as the French catalogue: a missing key fails the type check. */
export type Messages = { readonly [K in keyof typeof fr]: (typeof fr)[K] };

export const en: Messages = {
  appTitle: 'Digital gender parity in Occitanie',
  appTagline: 'How far is the digital sector from gender parity, from study choices to jobs, in Occitanie and its 13 départements?',
  skipToContent: 'Skip to content',
  languageSwitch: 'Français',
  languageSwitchLabel: 'Lire cette page en français',
  illustrativeNotice:
    'Illustrative data: the values by département are generated for demonstration, calibrated on published figures; they are not official statistics. The Eurostat series (France, EU) are real.',
  dbIdle: 'Database waiting',
  dbLoadingEngine: 'Loading the data engine…',
  dbLoadingData: 'Loading the data…',
  dbReady: 'Data loaded',
  dbFailed: (error: string) => `The data engine could not start: ${error}`,
  indicator: 'Indicator',
  year: 'Year',
  territory: 'Territory',
  shareWomen: 'Share of women',
  gapToParity: 'Gap to parity',
  women: 'Women',
  headcount: 'Total headcount',
  notes: 'Notes',
  regionComputed: (missing: number) =>
    missing > 0
      ? `computed from the départements' counts (${missing} département${missing > 1 ? 's' : ''} missing)`
      : "computed from the départements' counts",
  lowReliability: 'small count (under 200 women): interpret with caution',
  secret: 'statistical confidentiality',
  sharesOnly: 'cannot be computed: some départements publish only a share',
  noData: 'no data',
  notAvailable: 'n/a',
  tableCaption: (indicator: string, year: string) => `${indicator}: share of women by territory in ${year}`,
  sources: 'Sources',
  sourcesLabel: 'Sources:',
  lastUpdate: (date: string) => `last updated: ${date}`,
  lastUpdateUnknown: 'date of last update not stated',
  licence: 'Licence',
  listSep: '; ',
  loading: 'Loading…',
  stage_orientation: 'Study choices',
  stage_education: 'Higher education',
  stage_formation_pro: 'Vocational training',
  stage_emploi: 'Employment',
  stage_insertion: 'Job seeking',
};
