/*
 * Starts the reads of a deep link's build-time answers as soon as the page is parsed, while the dashboard's script
 * (much larger: downloaded, parsed and run first) is on its way: a territory page's shared answers
 * (`territoire/commun.json`), its département's file, and its indicator × year files when the URL names both. They
 * are preloads of the very requests the script makes then (src/features/territory/precomputed.ts: same URLs, same
 * mode), which take them over instead of asking again. A URL without `indicateur` or `annee` means the defaults that
 * the build writes below (the default indicator, each indicator's default year: resolveTerritory's answers); in
 * development they are absent, and only the first two files are read ahead. Nothing for the overview: index.html preloads its default
 * file, and its other files depend on answers read first. A plain script (not a module) of the page's origin: it
 * runs before the dashboard's and fetches nothing from anywhere else.
 */
(function () {
  /** Written by the build (scripts/precompute.ts): { indicator: id, years: { id: year } }. */
  var DEFAULTS = null;
  var q = new URLSearchParams(window.location.search);
  if (q.get('vue') !== 'territoire') return;
  // The département's code as the page reads it (Haute-Garonne when none); anything else is left to the page.
  var code = q.get('territoire') || '31';
  if (!/^[0-9][0-9AB]$/.test(code)) return;
  var files = ['commun.json', code + '.json'];
  var ind = q.get('indicateur') || (DEFAULTS && DEFAULTS.indicator);
  var year = q.get('annee') || (DEFAULTS && DEFAULTS.years[ind]);
  if (ind && /^[a-z0-9_]+$/.test(ind) && year && /^[0-9]{4}$/.test(String(year))) {
    files.push(code + '/' + ind + '.json', code + '/annee-' + year + '.json', 'indicateur/' + ind + '/' + year + '.json', code + '/' + ind + '/' + year + '.json');
  }
  files.forEach(function (f) {
    var l = document.createElement('link');
    l.rel = 'preload';
    l.as = 'fetch';
    l.crossOrigin = 'anonymous';
    l.href = './precomputed/territoire/' + f;
    document.head.appendChild(l);
  });
})();
