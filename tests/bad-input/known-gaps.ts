/**
 * Cases of the bad-input test that services still get wrong, as "<mutation> <leaf path> <bad value>"
 * (labels from tests/bad-input/values.ts). Each is a defect to fix in its service, after which its
 * line must go: the test fails both on a new failure and on a listed gap that no longer fails.
 * Empty since the platform-shape work (issue 8): every reference is checked against a reference
 * table, every record named by id is NOT_FOUND outside the caller's scope, and every refusal names
 * its field. Keep it empty: a new mutation gets it right the day it is added.
 */
export const KNOWN_GAPS: string[] = [];
