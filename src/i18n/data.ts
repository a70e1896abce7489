import { messages, type Messages } from './index';
import { dataFr } from './data-fr';
import { dataEn, type DataMessages } from './data-en';
import type { Lang } from '../lib/format';

export type { DataMessages };

/** The data view's strings: the dashboard's catalogue and the data view's own (data-fr.ts, data-en.ts). */
export type DataViewMessages = Messages & DataMessages;

const both: Record<Lang, DataViewMessages> = { fr: { ...messages('fr'), ...dataFr }, en: { ...messages('en'), ...dataEn } };

/** The data view's catalogue of a language (one object per language, so that it can be compared by identity). */
export function dataMessages(lang: Lang): DataViewMessages {
  return both[lang];
}
