import packageJson from '../../package.json';

/** ScimWatch's version, from package.json at build time. */
export const scimwatchVersion: string = packageJson.version;
