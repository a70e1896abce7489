import { describe, expect, test } from 'vitest';
import { problem, PROBLEM_CODES } from '../../src/data/import/problems';
import { groupProblems, reportStatus } from '../../src/features/data/problem-groups';
import { dataFr as fr } from '../../src/i18n/data-fr';
import { dataEn as en } from '../../src/i18n/data-en';

describe('the import report: problems in words, each message once', () => {
  test('identical messages are grouped with their lines; the group counts every problem', () => {
    const ps = [
      ...[3, 4, 9].map((l) => problem('territoire_hors_perimetre', { ligne: l, colonne: 'geo' }, 'DE')),
      problem('territoire_hors_perimetre', { ligne: 12, colonne: 'geo' }, 'ES'),
      problem('doublon', { ligne: 20, colonne: null }, '34 × 2020 × nsi', '5'),
    ];
    const groups = groupProblems(ps);
    expect(groups.map((g) => [g.code, g.count, g.byLine])).toEqual([['territoire_hors_perimetre', 4, true], ['doublon', 1, true]]);
    const [out] = groups;
    expect(out?.messages).toHaveLength(2);
    expect(out?.messages[0]).toEqual({ message_fr: 'Territoire hors du périmètre du tableau de bord, ligne ignorée : « DE ».', message_en: 'Territory outside the dashboard\'s scope, row skipped: "DE".', lignes: [3, 4, 9], colonne: 'geo' });
    expect(out?.messages[1]?.lignes).toEqual([12]);
  });

  test('a problem of the whole file makes the group count problems, not lines', () => {
    const [g] = groupProblems([problem('eurostat_agregat_ue', {}, 'EU28', '2004-2010'), problem('eurostat_agregat_ue', {}, 'EU28', '2004-2010')]);
    expect(g?.byLine).toBe(false);
    expect(g?.messages).toHaveLength(1);
    expect(g?.messages[0]?.lignes).toEqual([]);
  });

  test('every code has a title in words in both languages', () => {
    expect(PROBLEM_CODES.length).toBeGreaterThan(40);
    for (const c of PROBLEM_CODES) {
      expect(fr.problemTitles[c]).toMatch(/[a-zé]/);
      expect(en.problemTitles[c]).toMatch(/[a-z]/);
    }
    expect(`${fr.problemTitles['territoire_hors_perimetre']} (${fr.problemGroupCount('12', true, false)})`).toBe('Territoires hors du périmètre (12 lignes)');
  });

  test('status: warning when warnings are listed and no error, even if the path did not count them', () => {
    const warn = [problem('territoire_hors_perimetre', { ligne: 3, colonne: 'geo' }, 'DE')];
    expect(reportStatus({ errors: 0, warnings: 0, problems: warn }, 10)).toBe('warning');
    expect(reportStatus({ errors: 0, warnings: 136, problems: [] }, 10)).toBe('warning');
    expect(reportStatus({ errors: 0, warnings: 0, problems: [] }, 10)).toBe('ok');
    expect(reportStatus({ errors: 1, warnings: 3, problems: warn }, 10)).toBe('error');
    expect(reportStatus({ errors: 0, warnings: 0, problems: [] }, 0)).toBe('error');
  });
});
