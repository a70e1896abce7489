/**
 * The embed entry: a minimal page for now. It will render one chart snapshot from the URL fragment, without
 * DuckDB or storage (see the share and embed issue).
 */
const root = document.getElementById('root');
if (root) {
  const p = document.createElement('p');
  p.textContent = 'Parité numérique Occitanie : intégration à venir. Embeds are coming.';
  root.append(p);
}
