import { loaderOf, scopePatterns, tableOf, type SubgraphContext } from '@gg/shared';
import { Cadre, CadreLiaisonReport } from '../cadre-liaison/cadre-liaison.entity';
import { JointMeeting } from '../joint-meeting/joint-meeting.entity';
import { DoubleReport, PartyMember } from '../party-member/party-member.entity';
import { PartyOrganisation } from '../party-organisation/party-organisation.entity';
import {
  PARTY_ORGANISATION_KINDS,
  PARTY_ORGANISATION_LEVELS,
  type PartyOrganisationKind,
  type PartyOrganisationLevel,
} from '../party-organisation/party-organisation.rules';
import { TwoNewEntity } from '../two-new/two-new.entity';
import { coverageRate } from '../two-new/two-new.rules';

export interface PartyStats {
  year: number;
  organisationsByLevel: Array<{ level: PartyOrganisationLevel; count: number }>;
  organisationsByKind: Array<{ kind: PartyOrganisationKind; count: number }>;
  activeTemporaryBranches: number;
  members: number;
  inServiceMembersReported: number;
  twoNewCoverage: { registered: number; covered: number; rate: number | null };
  cadreLiaison: { year: number; cadres: number; reported: number; compliant: number };
  jointMeetings: { year: number; meetings: number; problemsTabled: number; problemsSolved: number };
}

interface StatsRow {
  code: string;
  by_level: Record<string, number>;
  by_kind: Record<string, number>;
  active_temporary: number;
  members: number;
  reported: number;
  two_new_registered: number;
  two_new_covered: number;
  cadres: number;
  cadres_reported: number;
  cadres_compliant: number;
  meetings: number;
  tabled: number;
  solved: number;
}

/**
 * The Party figures of each region's whole subtree for dashboards, for a batch of regions in ONE
 * statement, every count filtered by the caller's scopes in the same statement. Organisations are
 * counted while active (a dissolved temporary branch no longer counts); in-service members reported
 * are distinct members with an open double report (REQUESTED, CONFIRMED or ASSIGNED); cadre-liaison
 * compliance comes from the yearly report of `year`; joint meetings are those held in `year`.
 */
export function loadPartyStats(context: SubgraphContext, regionCode: string, year: number): Promise<PartyStats> {
  return loaderOf<string, PartyStats>(context, `party-stats:${year}`, async (codes) => {
    const t = (entity: Function) => tableOf(context.dataSource, context.dataSource.getMetadata(entity).tableName);
    // The kits' range form of "in this subtree and in scope", so the region index serves every count.
    const within = (alias: string) =>
      `${alias}.region_code >= r.code AND ${alias}.region_code < r.code || ':' AND ${alias}.region_code LIKE ANY($2::text[])`;
    const rows: StatsRow[] = await context.dataSource.query(
      `SELECT r.code,
         (SELECT COALESCE(jsonb_object_agg(x.level, x.n), '{}'::jsonb) FROM (
            SELECT o.level, count(*)::int AS n FROM ${t(PartyOrganisation)} o WHERE ${within('o')} AND o.dissolved_on IS NULL GROUP BY o.level) x) AS by_level,
         (SELECT COALESCE(jsonb_object_agg(x.kind, x.n), '{}'::jsonb) FROM (
            SELECT o.kind, count(*)::int AS n FROM ${t(PartyOrganisation)} o WHERE ${within('o')} AND o.dissolved_on IS NULL GROUP BY o.kind) x) AS by_kind,
         (SELECT count(*)::int FROM ${t(PartyOrganisation)} o WHERE ${within('o')} AND o.kind = 'TEMPORARY' AND o.dissolved_on IS NULL) AS active_temporary,
         (SELECT count(*)::int FROM ${t(PartyMember)} m WHERE ${within('m')}) AS members,
         (SELECT count(DISTINCT d.member_id)::int FROM ${t(DoubleReport)} d WHERE ${within('d')} AND d.status <> 'WITHDRAWN') AS reported,
         (SELECT count(*)::int FROM ${t(TwoNewEntity)} e WHERE ${within('e')}) AS two_new_registered,
         (SELECT count(*)::int FROM ${t(TwoNewEntity)} e WHERE ${within('e')} AND e.party_organisation_id IS NOT NULL) AS two_new_covered,
         (SELECT count(*)::int FROM ${t(Cadre)} c WHERE ${within('c')}) AS cadres,
         (SELECT count(*)::int FROM ${t(CadreLiaisonReport)} cr WHERE ${within('cr')} AND cr.year = $3) AS cadres_reported,
         (SELECT count(*)::int FROM ${t(CadreLiaisonReport)} cr WHERE ${within('cr')} AND cr.year = $3 AND cr.compliant) AS cadres_compliant,
         (SELECT count(*)::int FROM ${t(JointMeeting)} j WHERE ${within('j')} AND j.held_on >= make_date($3, 1, 1) AND j.held_on < make_date($3 + 1, 1, 1)) AS meetings,
         (SELECT COALESCE(sum(j.problems_tabled), 0)::int FROM ${t(JointMeeting)} j WHERE ${within('j')} AND j.held_on >= make_date($3, 1, 1) AND j.held_on < make_date($3 + 1, 1, 1)) AS tabled,
         (SELECT COALESCE(sum(j.problems_solved), 0)::int FROM ${t(JointMeeting)} j WHERE ${within('j')} AND j.held_on >= make_date($3, 1, 1) AND j.held_on < make_date($3 + 1, 1, 1)) AS solved
       FROM unnest($1::text[]) AS r(code)`,
      [codes, scopePatterns(context.identity), year],
    );
    return codes.map((code) => {
      const row = rows.find((r) => r.code === code)!;
      return {
        year,
        organisationsByLevel: PARTY_ORGANISATION_LEVELS.map((level) => ({ level, count: row.by_level[level] ?? 0 })),
        organisationsByKind: PARTY_ORGANISATION_KINDS.map((kind) => ({ kind, count: row.by_kind[kind] ?? 0 })),
        activeTemporaryBranches: row.active_temporary,
        members: row.members,
        inServiceMembersReported: row.reported,
        twoNewCoverage: {
          registered: row.two_new_registered,
          covered: row.two_new_covered,
          rate: coverageRate(row.two_new_covered, row.two_new_registered),
        },
        cadreLiaison: { year, cadres: row.cadres, reported: row.cadres_reported, compliant: row.cadres_compliant },
        jointMeetings: { year, meetings: row.meetings, problemsTabled: row.tabled, problemsSolved: row.solved },
      };
    });
  }).load(regionCode);
}
