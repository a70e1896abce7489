import type { Messages } from '../i18n';

/**
 * Shown wherever illustrative data is displayed (docs/contract.md), and only then. With `items`, it names what is
 * illustrative (« Données illustratives : emplois des métiers du numérique, départements ») rather than the
 * general sentence.
 */
export function IllustrativeNotice({ t, items }: { t: Messages; items?: readonly string[] }) {
  return (
    <p className="notice" data-testid="illustrative-notice" role="note">
      {items?.length ? t.illustrativeNoticeOf(items.join(t.listSep)) : t.illustrativeNotice}
    </p>
  );
}
