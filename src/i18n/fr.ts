/**
 * French strings: the reference catalogue. Every key must exist in en.ts with the same shape, or the type check
 * fails. Functions take already formatted values.
 */
export const fr = {
  appTitle: 'Parité numérique Occitanie',
  appTagline: 'Où en est la parité femmes-hommes dans le numérique, de l’orientation à l’emploi, en Occitanie et dans ses 13 départements ?',
  skipToContent: 'Aller au contenu',
  languageSwitch: 'English',
  languageSwitchLabel: 'Read this page in English',
  illustrativeNotice:
    'Données illustratives : les valeurs par département sont générées pour la démonstration, calibrées sur des chiffres publiés ; elles ne sont pas des statistiques officielles. Les séries Eurostat (France, UE) sont réelles.',
  dbIdle: 'Base de données en attente',
  dbLoadingEngine: 'Chargement du moteur de données…',
  dbLoadingData: 'Chargement des données…',
  dbReady: 'Données chargées',
  dbFailed: (error: string) => `Le moteur de données n’a pas pu démarrer : ${error}`,
  indicator: 'Indicateur',
  year: 'Année',
  territory: 'Territoire',
  shareWomen: 'Part des femmes',
  gapToParity: 'Écart à la parité',
  women: 'Femmes',
  headcount: 'Effectif total',
  notes: 'Remarques',
  regionComputed: (missing: number) =>
    missing > 0
      ? `calculée à partir des effectifs des départements (${missing} département${missing > 1 ? 's' : ''} manquant${missing > 1 ? 's' : ''})`
      : 'calculée à partir des effectifs des départements',
  lowReliability: 'effectif faible (moins de 200 femmes) : à interpréter avec prudence',
  secret: 'secret statistique',
  sharesOnly: 'non calculable : certains départements ne publient qu’une part',
  noData: 'pas de donnée',
  notAvailable: 'n.d.',
  tableCaption: (indicator: string, year: string) => `${indicator} : part des femmes par territoire en ${year}`,
  sources: 'Sources',
  sourcesLabel: 'Sources\u00a0:',
  lastUpdate: (date: string) => `mise à jour : ${date}`,
  lastUpdateUnknown: 'date de mise à jour non précisée',
  licence: 'Licence',
  listSep: ' ; ',
  loading: 'Chargement…',
  stage_orientation: 'Orientation',
  stage_education: 'Éducation',
  stage_formation_pro: 'Formation professionnelle',
  stage_emploi: 'Emploi',
  stage_insertion: 'Insertion',
};
