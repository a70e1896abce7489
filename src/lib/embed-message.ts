/** The message an embed posts to its host page with its height (docs/contract.md, « Embed messages »). */
export const HEIGHT_MESSAGE = 'parite-numerique:height';
