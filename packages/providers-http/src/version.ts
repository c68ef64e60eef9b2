/** The package version, sent in the User-Agent header and reported by `llmrouter --version`. */
export const VERSION = '0.1.0';
