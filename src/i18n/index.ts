import { fr } from './fr';
import { en, type Messages } from './en';
import type { Lang } from '../lib/format';

export type { Messages };

/** The string catalogue of a language. */
export function messages(lang: Lang): Messages {
  return lang === 'en' ? en : fr;
}
