import { describe, expect, test } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { TerritoryPicker } from '../../src/features/overview/Controls';
import { fr } from '../../src/i18n/fr';
import { en } from '../../src/i18n/en';

const deps = [{ code: '31', nom_fr: 'Haute-Garonne', nom_en: 'Haute-Garonne' }, { code: '34', nom_fr: 'Hérault', nom_en: 'Hérault' }];
const summary = (picked: string[], lang: 'fr' | 'en') => {
  const html = renderToStaticMarkup(createElement(TerritoryPicker, { departements: deps as never, picked, onChange: () => undefined, t: lang === 'en' ? en : fr, lang }));
  return /<summary>(.*?)<\/summary>/.exec(html)?.[1] ?? '';
};

describe('the trend’s territory picker says what is drawn', () => {
  test('none picked: the highest and lowest are drawn, never « (0) »', () => {
    expect(summary([], 'fr')).toBe('Départements sur la courbe d’évolution : le plus haut et le plus bas');
    expect(summary([], 'en')).toBe('Départements on the trend chart: highest and lowest');
  });
  test('some picked: their count', () => {
    expect(summary(['31', '34'], 'fr')).toBe('Départements sur la courbe d’évolution (2)');
  });
});
