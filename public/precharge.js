/* A territory page's build-time files, preloaded for the page's own fetches (docs/performance.md). */
(function () {
  var DEFAULTS = null; // written by the build (scripts/precompute.ts)
  var q = new URLSearchParams(location.search);
  var code = q.get('territoire') || '31';
  if (q.get('vue') !== 'territoire' || !/^[0-9][0-9AB]$/.test(code)) return;
  var files = ['commun.json', code + '.json'];
  var ind = q.get('indicateur') || (DEFAULTS && DEFAULTS.indicator);
  var year = q.get('annee') || (DEFAULTS && DEFAULTS.years[ind]);
  if (ind && year && /^[a-z0-9_]+$/.test(ind) && /^[0-9]{4}$/.test(year)) {
    var p = code + '/' + ind;
    files.push(p + '.json', code + '/annee-' + year + '.json', 'indicateur/' + ind + '/' + year + '.json', p + '/' + year + '.json');
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
