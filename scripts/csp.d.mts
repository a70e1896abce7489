export const DASHBOARD_DIRECTIVES: readonly (readonly [string, string])[];
export const HEADER_ONLY_DIRECTIVES: readonly string[];
export const DASHBOARD_CSP: string;
export const DASHBOARD_META_CSP: string;
export function withMetaCsp(html: string, policy?: string): string;
