import type { Messages } from '../i18n';

/** Shown wherever illustrative data is displayed (CONTRACT.md). */
export function IllustrativeNotice({ t }: { t: Messages }) {
  return (
    <p className="notice" data-testid="illustrative-notice" role="note">
      {t.illustrativeNotice}
    </p>
  );
}
