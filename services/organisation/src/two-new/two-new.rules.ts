/** 两新组织: non-public enterprises (非公有制经济组织) and social organisations (社会组织). */
export const TWO_NEW_ENTITY_KINDS = ['NON_PUBLIC_ENTERPRISE', 'SOCIAL_ORGANISATION'] as const;
export type TwoNewEntityKind = (typeof TWO_NEW_ENTITY_KINDS)[number];

/** Coverage rate: entities with a Party organisation over all registered, 4 decimals; null when none is registered. */
export function coverageRate(covered: number, registered: number): number | null {
  if (registered === 0) return null;
  return Math.round((covered / registered) * 10000) / 10000;
}
