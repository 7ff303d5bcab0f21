/**
 * Where the API is. Empty: the same origin (the standalone app serves the console). In Azure the console is a Static
 * Web App and the build sets VITE_API_BASE_URL to the Function App's URL.
 */
export const apiBaseUrl: string = (import.meta.env.VITE_API_BASE_URL ?? "").replace(/\/$/, "");
