export const OCCITANIE: string[];
export function outputs(): Record<string, string>;
