/**
 * Cases of the bad-input test that services still get wrong, as "<mutation> <leaf path> <bad value>"
 * (labels from tests/bad-input/values.ts). Each is a defect to fix in its service, after which its
 * line must go: the test fails both on a new failure and on a listed gap that no longer fails.
 * Observed on the branch that added the test (issue 9); grouped by cause.
 */
export const KNOWN_GAPS: string[] = [
  // A record or region code of another county is refused FORBIDDEN without naming the field: the
  // shared requireRegionInScope and forbidden() take no field, nor do the services' own scope
  // checks. Issue 9 asks NOT_FOUND (naming the field) for a record id out of scope, so its
  // existence does not leak; the reference tables of issue 8 rework these checks.
  'acceptCase input.caseId out-of-scope',
  'addRegion input.code out-of-scope',
  'answerWhistle input.whistleId out-of-scope',
  'appointGridStaff input.gridId out-of-scope',
  'assessBranch input.organisationId out-of-scope',
  'assignCase input.caseId out-of-scope',
  'assignDoubleReport input.id out-of-scope',
  'assignTemporaryBranch input.branchId out-of-scope',
  'assignTemporaryBranch input.memberId out-of-scope',
  'blowWhistle input.caseId out-of-scope',
  'claimPioneerPosts input.memberId out-of-scope',
  'compileCadreLiaisonReport regionCode out-of-scope',
  'configurePartyChain input.countyCode out-of-scope',
  'confirmDoubleReport id out-of-scope',
  'createGrid input.regionCode out-of-scope',
  'createJointMeetingBody input.regionCode out-of-scope',
  'createPartyOrganisation input.parentId out-of-scope',
  'createPartyOrganisation input.regionCode out-of-scope',
  'createTenHouseholdUnit input.gridId out-of-scope',
  'dissolveTemporaryBranch input.id out-of-scope',
  'endGridStaffAppointment input.staffId out-of-scope',
  'escalateCase input.caseId out-of-scope',
  'linkCadre input.cadreId out-of-scope',
  'linkCadre input.regionCode out-of-scope',
  'linkCentralHouseholds input.organisationId out-of-scope',
  'mergeGrids input.gridIds.0 out-of-scope',
  'movePartyOrganisation input.id out-of-scope',
  'movePartyOrganisation input.parentId out-of-scope',
  'rateCase input.caseId out-of-scope',
  'recordJointMeeting input.bodyId out-of-scope',
  'recordLiaisonActivity input.linkId out-of-scope',
  'recordVisit input.householdId out-of-scope',
  'registerCadre input.regionCode out-of-scope',
  'registerHousehold input.gridId out-of-scope',
  'registerPartyMember input.organisationId out-of-scope',
  'registerTwoNewEntity input.partyOrganisationId out-of-scope',
  'registerTwoNewEntity input.regionCode out-of-scope',
  'rejectCase input.caseId out-of-scope',
  'reopenCase input.caseId out-of-scope',
  'reportCase input.gridId out-of-scope',
  'requestDoubleReport input.communityCode out-of-scope',
  'resolveCase input.caseId out-of-scope',
  'setCasePolicy input.countyCode out-of-scope',
  'splitGrid input.gridId out-of-scope',
  'startCase input.caseId out-of-scope',
  'updateTenHouseholdUnit input.unitId out-of-scope',
  'withdrawDoubleReport input.id out-of-scope',
  // Unknown references accepted: a well-formed community code nobody registered (grid, property,
  // volunteer and collective services check only the format), and ids "checked for format only"
  // (a grid of a Party organisation or a double report, central-household links). Issue 8's
  // reference tables. compileCadreLiaisonReport compiles an empty report for an unknown region.
  'assignDoubleReport input.gridId unknown id',
  'compileCadreLiaisonReport regionCode unknown region code',
  'createGrid input.regionCode unknown region code',
  'createPartyOrganisation input.gridId unknown id',
  'linkCentralHouseholds input.householdIds.0 unknown id',
  // Records of another county accepted by id: a double report for a Party member of county B
  // (the defect named in issue 9), a grid of county B for a grid branch, households of county B
  // linked to a central household.
  'createPartyOrganisation input.gridId out-of-scope',
  'linkCentralHouseholds input.householdIds.0 out-of-scope',
  'requestDoubleReport input.memberId out-of-scope',
  // Unknown or out-of-scope household ids for a ten-household unit answer CONFLICT, not NOT_FOUND.
  'createTenHouseholdUnit input.householdIds.0 out-of-scope',
  'createTenHouseholdUnit input.householdIds.0 unknown id',
  'updateTenHouseholdUnit input.addHouseholdIds.0 out-of-scope',
  'updateTenHouseholdUnit input.addHouseholdIds.0 unknown id',
  'updateTenHouseholdUnit input.removeHouseholdIds.0 out-of-scope',
  'updateTenHouseholdUnit input.removeHouseholdIds.0 unknown id',
  // The refusal names another field: a household of another county in reportCase names
  // input.gridId (grid and household disagree); a bad household id of a split names input.parts.
  'reportCase input.householdId out-of-scope',
  'splitGrid input.parts.0.householdIds.0 out-of-scope',
  'splitGrid input.parts.0.householdIds.0 unknown id',
  // Consequences of the accepted unknown grid above: the report is ASSIGNED by then, so the later
  // cases of assignDoubleReport are refused for its status (naming input.id).
  'assignDoubleReport input.gridId out-of-scope',
  'assignDoubleReport input.volunteerTeamId out-of-scope',
  'assignDoubleReport input.volunteerTeamId unknown id',
  // The rows the accepted cases above wrote.
  'assignDoubleReport (any leaf)',
  'createGrid (any leaf)',
  'createPartyOrganisation (any leaf)',
  'linkCentralHouseholds (any leaf)',
  'requestDoubleReport (any leaf)',
];
