export const OCCITANIE: string[];
export function outputs(): Promise<Record<string, string>>;
