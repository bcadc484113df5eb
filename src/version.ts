/** CCAL's version; a test keeps it equal to package.json's. */
export const CCAL_VERSION = '0.1.0'
