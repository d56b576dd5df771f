import {
  loaderOf,
  paginate,
  regionSubtreeCondition,
  scopedQuery,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { In } from 'typeorm';
import { HALF_PATTERN, quartersOfHalf } from '../evaluation/periods.rules';
import { legacyListSchemeExplanation } from '../evaluation/red-black.rules';
import type { QuarterScheme } from '../evaluation/scheme-version.rules';
import { schemesOfRuns } from '../evaluation-scheme/evaluation-scheme.commands';
import { EvaluationScheme } from '../evaluation-scheme/evaluation-scheme.entity';
import { QuarterlyEvaluationRun } from '../quarterly-evaluation/quarterly-evaluation.entity';
import { badInput } from '@gg/shared';
import { RedBlackEntry, RedBlackList } from './red-black-list.entity';

export type RedBlackListPage = Connection<RedBlackList>;

/** A list version by id (batched, scoped by its county). */
export function loadList(context: SubgraphContext, id: string): Promise<RedBlackList | null> {
  return loaderOf<string, RedBlackList | null>(context, 'red-black-list', async (ids) => {
    const rows = await scopedQuery(context.dataSource, RedBlackList, 'l', context.identity)
      .andWhere('l.id IN (:...ids)', { ids: [...ids] })
      .getMany();
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  }).load(id);
}

/** The version that replaced a batch of versions (null for the current one). */
export function loadReplacement(context: SubgraphContext, id: string): Promise<RedBlackList | null> {
  return loaderOf<string, RedBlackList | null>(context, 'red-black-list-replacement', async (ids) => {
    const rows = await scopedQuery(context.dataSource, RedBlackList, 'l', context.identity)
      .andWhere('l.replaces_id IN (:...ids)', { ids: [...ids] })
      .getMany();
    return ids.map((id) => rows.find((r) => r.replacesId === id) ?? null);
  }).load(id);
}

/** The entries of a batch of versions the caller may see: red by rank, then black (bounded by the county's companies). */
export function loadEntries(context: SubgraphContext, listId: string): Promise<RedBlackEntry[]> {
  return loaderOf<string, RedBlackEntry[]>(context, 'red-black-entries', async (ids) => {
    const rows = await scopedQuery(context.dataSource, RedBlackEntry, 'e', context.identity)
      .andWhere({ listId: In([...ids]) })
      .orderBy('e.kind', 'DESC')
      .addOrderBy('e.rank', 'ASC', 'NULLS LAST')
      .addOrderBy('e.company_id', 'ASC')
      .getMany();
    return ids.map((id) => rows.filter((r) => r.listId === id));
  }).load(listId);
}

/** Every list version in a region's subtree (optionally of one half), the latest published first. */
export function listLists(
  context: SubgraphContext,
  regionCode: string,
  half: string | null | undefined,
  args: ConnectionArgs,
): Promise<RedBlackListPage> {
  if (half && !HALF_PATTERN.test(half)) throw badInput('half', 'half is YYYYH1 or YYYYH2');
  const region = regionSubtreeCondition('l.region_code', regionCode, context.identity);
  const query = context.dataSource.getRepository(RedBlackList).createQueryBuilder('l').where(region.sql, region.params);
  if (half) query.andWhere('l.half = :half', { half });
  return paginate(query, args, [
    timestampKey('l.published_at', 'DESC', (l) => l.publishedAt),
    { column: 'l.id', direction: 'DESC', value: (l) => l.id },
  ]);
}

export interface ListSchemes {
  quarterSchemes: QuarterScheme[];
  /** Whether any quarter was scored under another version than the one that gave the bars. */
  schemesDiffer: boolean;
  explanation: string;
}

/**
 * The scheme versions behind a list version: as recorded at publication, or, for one published before
 * they were recorded, read from its quarters' completed runs (which are never recomputed). Once per list
 * and request: its three fields share it.
 */
export function listSchemes(context: SubgraphContext, list: RedBlackList): Promise<ListSchemes> {
  // Keyed by the list object the three fields are resolved on (the same parent within a request).
  return loaderOf<RedBlackList, ListSchemes>(context, 'red-black-list-schemes', (lists) =>
    Promise.all(lists.map((l) => readListSchemes(context, l))),
  ).load(list);
}

async function readListSchemes(context: SubgraphContext, list: RedBlackList): Promise<ListSchemes> {
  const differ = (quarters: QuarterScheme[]) => quarters.some((q) => q.schemeId !== list.schemeId);
  if (list.quarterSchemes && list.schemeExplanation !== null)
    return { quarterSchemes: list.quarterSchemes, schemesDiffer: differ(list.quarterSchemes), explanation: list.schemeExplanation };
  const runs = await context.dataSource.getRepository(QuarterlyEvaluationRun).findBy({
    regionCode: list.regionCode,
    quarter: In(quartersOfHalf(list.half)),
    status: 'COMPLETED',
  });
  // Publication required every quarter's run, so none is missing; an empty list is only guarded.
  const quarterSchemes = runs.length ? (await schemesOfRuns(context.dataSource.manager, runs)).quarterSchemes : [];
  const used = await context.dataSource.getRepository(EvaluationScheme).findOneByOrFail({ id: list.schemeId });
  return {
    quarterSchemes,
    schemesDiffer: differ(quarterSchemes),
    explanation: legacyListSchemeExplanation(quarterSchemes, {
      schemeId: used.id,
      version: used.version,
      red: used.redRule,
      black: used.blackRule,
    }),
  };
}
