import { createVolunteerTeamInput } from '../src/volunteer-team/volunteer-team.inputs';
import { duplicateSkillIndex, isTeamRegionCode, ownerFits } from '../src/volunteer-team/volunteer-team.rules';

const valid = { name: '明湖社区红色宣讲志愿服务队', category: 'RED', regionCode: '520201001001' };

function firstIssue(input: Record<string, unknown>) {
  const result = createVolunteerTeamInput.safeParse(input);
  return result.success ? undefined : { path: result.error.issues[0]!.path.join('.'), message: result.error.issues[0]!.message };
}

describe('volunteer team rules', () => {
  it('finds the first tag repeating an earlier one, trimmed and ignoring Latin case', () => {
    expect(duplicateSkillIndex([])).toBeUndefined();
    expect(duplicateSkillIndex(['急救', '量血压'])).toBeUndefined();
    expect(duplicateSkillIndex(['急救', '量血压', '急救'])).toBe(2);
    expect(duplicateSkillIndex(['CPR', '书法', ' cpr '])).toBe(2);
    expect(duplicateSkillIndex(['a', 'b', 'b', 'a'])).toBe(2);
  });

  it('lets a community or a street own a team, nothing else', () => {
    expect(isTeamRegionCode('520201001001')).toBe(true);
    expect(isTeamRegionCode('520201001')).toBe(true);
    expect(isTeamRegionCode('520201')).toBe(false);
    expect(isTeamRegionCode('5202010010')).toBe(false);
    expect(isTeamRegionCode('52020100100a')).toBe(false);
    expect(isTeamRegionCode('5202010010011')).toBe(false);
  });

  it('trims names and skills, defaults skills and a left-out description to none, and refuses a blank description', () => {
    const parsed = createVolunteerTeamInput.parse({ ...valid, name: '  凉都社区白色健康志愿服务队 ' });
    expect(parsed).toEqual({ ...valid, name: '凉都社区白色健康志愿服务队', skills: [], description: null, ownerOrganisationId: null });
    // One rule for optional text across the graph: blank is refused, never stored or turned into null.
    expect(firstIssue({ ...valid, description: '   ' })).toEqual({ path: 'description', message: 'a description cannot be blank' });
    expect(createVolunteerTeamInput.parse({ ...valid, skills: [' 急救 ', '量血压'] }).skills).toEqual(['急救', '量血压']);
  });

  it('names the offending field of invalid input', () => {
    expect(firstIssue(valid)).toBeUndefined();
    expect(firstIssue({ ...valid, name: ' x ' })?.path).toBe('name');
    expect(firstIssue({ ...valid, name: '队'.repeat(101) })?.path).toBe('name');
    expect(firstIssue({ ...valid, category: 'PURPLE' })?.path).toBe('category');
    expect(firstIssue({ ...valid, regionCode: '520201' })?.path).toBe('regionCode');
    expect(firstIssue({ ...valid, skills: ['急救', '  '] })?.path).toBe('skills.1');
    expect(firstIssue({ ...valid, skills: ['技'.repeat(31)] })?.path).toBe('skills.0');
    expect(firstIssue({ ...valid, skills: ['急救', '书法', '急救'] })).toEqual({
      path: 'skills.2',
      message: 'skill "急救" is listed twice',
    });
    expect(firstIssue({ ...valid, description: '述'.repeat(501) })?.path).toBe('description');
  });

  it('allows 20 skills and refuses 21', () => {
    const skills = Array.from({ length: 21 }, (_, i) => `技能${i}`);
    expect(firstIssue({ ...valid, skills: skills.slice(0, 20) })).toBeUndefined();
    expect(firstIssue({ ...valid, skills })?.path).toBe('skills');
  });
});

describe('team owners', () => {
  it('lets an organisation of the team’s line own it: its street or community committee, or a branch inside it', () => {
    expect(ownerFits('520201001', '520201001001')).toBe(true);
    expect(ownerFits('520201001001', '520201001001')).toBe(true);
    expect(ownerFits('520201001001', '520201001')).toBe(true);
    expect(ownerFits('520201002001', '520201001001')).toBe(false);
    expect(ownerFits('520322001', '520201001001')).toBe(false);
  });
});
