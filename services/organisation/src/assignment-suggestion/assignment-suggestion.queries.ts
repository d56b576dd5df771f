import { consumeEvent, loadScopedById, scopePatterns, tableOf, VolunteerTeamProfiled, type SubgraphContext } from '@gg/shared';
import { DoubleReport } from '../party-member/party-member.entity';
import { rankCandidates, type Candidate, type Suggestion } from './assignment-suggestion.rules';

export interface GridSuggestionView extends Suggestion {
  gridId: string;
}

export interface VolunteerTeamSuggestionView extends Suggestion {
  volunteerTeamId: string;
  category: string | null;
}

export interface DoubleReportSuggestionsView {
  doubleReport: DoubleReport;
  grids: GridSuggestionView[];
  volunteerTeams: VolunteerTeamSuggestionView[];
}

/**
 * Ranked grids and volunteer teams for a double report's assignment (see the scoring rule in
 * assignment-suggestion.rules): the active grids and teams of the member's county as this service
 * knows them (GRID and VOLUNTEER_TEAM references, team profiles), inside the caller's scope, two
 * statements. Null when the report is not visible to the caller.
 */
export async function doubleReportSuggestions(
  context: SubgraphContext,
  id: string,
  first: number,
): Promise<DoubleReportSuggestionsView | null> {
  const report = await loadScopedById(context, DoubleReport, id);
  if (!report) return null;
  const county = report.regionCode.slice(0, 6);
  const source = context.dataSource;
  const candidates = (kind: 'GRID' | 'VOLUNTEER_TEAM'): Promise<Array<Candidate & { category: string | null }>> =>
    source.query(
      `SELECT r.key AS id, r.region_code AS "regionCode", p.category, p.skills
       FROM ${tableOf(source, 'reference')} r
       LEFT JOIN ${tableOf(source, 'volunteer_team_profile')} p ON $1 = 'VOLUNTEER_TEAM' AND p.team_id::text = r.key
       WHERE r.kind = $1 AND r.status = 'ACTIVE' AND r.region_code LIKE $2 AND r.region_code LIKE ANY($3::text[])
       ORDER BY r.key`,
      [kind, `${county}%`, scopePatterns(context.identity)],
    );
  const offer = { communityCode: report.regionCode, skills: report.skills, wish: report.wish };
  const [grids, teams] = await Promise.all([candidates('GRID'), candidates('VOLUNTEER_TEAM')]);
  const categoryOf = new Map(teams.map((t) => [t.id, t.category]));
  return {
    doubleReport: report,
    grids: rankCandidates(offer, grids, first).map((s) => ({ ...s, gridId: s.id })),
    volunteerTeams: rankCandidates(offer, teams, first).map((s) => ({
      ...s,
      volunteerTeamId: s.id,
      category: categoryOf.get(s.id) ?? null,
    })),
  };
}

/** Keeps team profiles current from VolunteerTeamProfiled; an older replayed event never overwrites a newer one. */
export const volunteerTeamProfileConsumer = consumeEvent(VolunteerTeamProfiled, (payload, delivery) =>
  delivery.manager
    .query(
      `INSERT INTO ${tableOf(delivery.manager.connection, 'volunteer_team_profile')} AS p (team_id, region_code, category, skills, position)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (team_id) DO UPDATE SET region_code = EXCLUDED.region_code, category = EXCLUDED.category,
         skills = EXCLUDED.skills, position = EXCLUDED.position
       WHERE p.position < EXCLUDED.position`,
      [payload.id, payload.regionCode, payload.category, payload.skills, delivery.position],
    )
    .then(() => undefined),
);
