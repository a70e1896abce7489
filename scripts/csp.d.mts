export const DASHBOARD_CSP: string;
