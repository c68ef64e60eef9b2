/** The package version, kept in step with package.json by the release script's check. */
export const VERSION = '0.1.0';
