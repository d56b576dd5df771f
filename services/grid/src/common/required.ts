/**
 * A record a non-null field points at by foreign key within this subgraph (a household's grid, a
 * member's household), or a personal value of a non-null column. Its absence is a broken invariant,
 * not a client's mistake, so it is an error rather than a null the schema does not allow.
 */
export async function required<T>(value: Promise<T | null> | T | null, what: string): Promise<T> {
  const found = await value;
  if (found === null || found === undefined) throw new Error(`${what} is missing`);
  return found;
}
