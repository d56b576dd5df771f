import { z } from 'zod';
import type { ServiceName } from './env';

/**
 * Domain events between services: a name, a version, the service that publishes it and the schema of
 * its payload. Payloads carry ids and codes only, never personal data (the outbox refuses a payload
 * holding a resident ID number), because every consumer keeps them. Producer and consumer share the
 * definition, so a payload is parsed on both sides. A breaking change of a payload is a new version.
 */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  version: number;
  producer: ServiceName;
  payload: S;
}

export type EventPayload<E extends EventDefinition> = z.infer<E['payload']>;

export function defineEvent<S extends z.ZodType>(definition: EventDefinition<S>): EventDefinition<S> {
  return definition;
}

const id = z.string().uuid();
const regionCode = z.string().regex(/^\d{2,12}$/);

// ─── organisation ─────────────────────────────────────────────────────────────

/** A region was added to the administrative tree (the code load, or `addRegion`). */
export const RegionAdded = defineEvent({
  name: 'RegionAdded',
  version: 1,
  producer: 'organisation',
  payload: z.object({ code: regionCode, level: z.string(), parentCode: regionCode.nullable() }),
});

/** A Party organisation was created (any level, any kind). */
export const PartyOrganisationCreated = defineEvent({
  name: 'PartyOrganisationCreated',
  version: 1,
  producer: 'organisation',
  payload: z.object({ id, regionCode, level: z.string(), kind: z.string() }),
});

/** A Party organisation stopped existing (a temporary branch dissolved). */
export const PartyOrganisationDissolved = defineEvent({
  name: 'PartyOrganisationDissolved',
  version: 1,
  producer: 'organisation',
  payload: z.object({ id, regionCode }),
});

/** A Party member was registered in an organisation. */
export const PartyMemberRegistered = defineEvent({
  name: 'PartyMemberRegistered',
  version: 1,
  producer: 'organisation',
  payload: z.object({ id, regionCode, organisationId: id }),
});

/** A double report (双报到) was assigned to a grid and, when one was chosen, a volunteer team (optional in the API). */
export const DoubleReportAssigned = defineEvent({
  name: 'DoubleReportAssigned',
  version: 1,
  producer: 'organisation',
  payload: z.object({ doubleReportId: id, memberId: id, regionCode, gridId: id, volunteerTeamId: id.nullable() }),
});

/**
 * A county department (部门: housing, urban management, civil affairs…) was recorded, so services can
 * whistle to it and assign it cases. Its kind is a code; its name stays in organisation.
 */
export const DepartmentCreated = defineEvent({
  name: 'DepartmentCreated',
  version: 1,
  producer: 'organisation',
  payload: z.object({ id, regionCode, kind: z.string().max(30) }),
});

// ─── grid ─────────────────────────────────────────────────────────────────────

/** A grid was created (also each part of a split and the successor of a merge). */
export const GridCreated = defineEvent({
  name: 'GridCreated',
  version: 1,
  producer: 'grid',
  payload: z.object({ id, regionCode }),
});

/** A grid was retired by a merge or a split; its successors carry on. */
export const GridRetired = defineEvent({
  name: 'GridRetired',
  version: 1,
  producer: 'grid',
  payload: z.object({ id, regionCode, successorIds: z.array(id) }),
});

/** A household was registered in a grid's ledger. */
export const HouseholdRegistered = defineEvent({
  name: 'HouseholdRegistered',
  version: 1,
  producer: 'grid',
  payload: z.object({ id, regionCode, gridId: id }),
});

/** A household moved to another grid (a merge, a split, or a ledger update). */
export const HouseholdMoved = defineEvent({
  name: 'HouseholdMoved',
  version: 1,
  producer: 'grid',
  payload: z.object({ id, regionCode, gridId: id }),
});

// ─── grid: cases on a residential compound (residents' voice for property scores) ─

const instant = z.string().datetime({ offset: true });

/**
 * A case was reported on a residential compound (小区): the residents' voice the property service
 * counts per compound and period. Only cases naming a compound are announced; category and times only.
 */
export const CaseReported = defineEvent({
  name: 'CaseReported',
  version: 1,
  producer: 'grid',
  payload: z.object({ id, regionCode, compoundId: id, category: z.string().max(50), reportedAt: instant, deadlineAt: instant }),
});

/** A case on a compound was resolved, in time or not (by its deadline when resolved); again after a reopen. */
export const CaseResolved = defineEvent({
  name: 'CaseResolved',
  version: 1,
  producer: 'grid',
  payload: z.object({ id, regionCode, compoundId: id, resolvedAt: instant, inTime: z.boolean() }),
});

/** A resolved case on a compound was reopened by its reporter: unresolved again, with a fresh deadline. */
export const CaseReopened = defineEvent({
  name: 'CaseReopened',
  version: 1,
  producer: 'grid',
  payload: z.object({ id, regionCode, compoundId: id, deadlineAt: instant }),
});

// ─── volunteer, property, collective economy ──────────────────────────────────

export const VolunteerTeamCreated = defineEvent({
  name: 'VolunteerTeamCreated',
  version: 1,
  producer: 'volunteer',
  payload: z.object({ id, regionCode }),
});

/**
 * What a volunteer team does: its category and skill tags, announced when it is created (and again
 * whenever they change), so an assignment (a double report's) can be matched to teams by skill.
 * Tags name services (理论宣讲, 便民维修), never people.
 */
export const VolunteerTeamProfiled = defineEvent({
  name: 'VolunteerTeamProfiled',
  version: 1,
  producer: 'volunteer',
  payload: z.object({ id, regionCode, category: z.string().max(30), skills: z.array(z.string().max(30)).max(20) }),
});

export const PropertyCompanyRegistered = defineEvent({
  name: 'PropertyCompanyRegistered',
  version: 1,
  producer: 'property',
  payload: z.object({ id, regionCode }),
});

// ─── property: compounds ─────────────────────────────────────────────────────

const managementMode = z.enum(['PROFESSIONAL', 'COMMUNITY_MANAGED', 'OWNER_SELF_MANAGED', 'STATE_OWNED_FALLBACK']);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A residential compound (小区) was registered in a community and grid, with its first management. */
export const ResidentialCompoundRegistered = defineEvent({
  name: 'ResidentialCompoundRegistered',
  version: 1,
  producer: 'property',
  payload: z.object({ id, regionCode, gridId: id, managementMode, companyId: id.nullable() }),
});

/** A compound is managed differently from a day on (another company or another mode). */
export const CompoundManagementChanged = defineEvent({
  name: 'CompoundManagementChanged',
  version: 1,
  producer: 'property',
  payload: z.object({ id, regionCode, managementMode, companyId: id.nullable(), since: day }),
});

/** The property service's events beyond company registration (kept together so the catalogue merges cleanly). */
/**
 * A county's half-yearly red-and-black list (红黑榜) was published, or a correction of one (a new version
 * naming the one it replaces). The housing bureau's webhooks announce it.
 */
export const RedBlackListPublished = defineEvent({
  name: 'RedBlackListPublished',
  version: 1,
  producer: 'property',
  payload: z.object({
    id,
    countyCode: regionCode,
    half: z.string().regex(/^\d{4}H[12]$/),
    version: z.number().int().positive(),
    replacesId: id.nullable(),
  }),
});
/** A county's annual comprehensive assessment (年度综合考评) with star ratings was published. */
export const AnnualAssessmentPublished = defineEvent({
  name: 'AnnualAssessmentPublished',
  version: 1,
  producer: 'property',
  payload: z.object({ id, countyCode: regionCode, year: z.number().int().min(2000).max(2100) }),
});
const PROPERTY_EVENTS: readonly EventDefinition[] = [
  ResidentialCompoundRegistered,
  CompoundManagementChanged,
  RedBlackListPublished,
  AnnualAssessmentPublished,
];

export const CollectiveOrganisationCreated = defineEvent({
  name: 'CollectiveOrganisationCreated',
  version: 1,
  producer: 'collective-economy',
  payload: z.object({ id, regionCode }),
});

/** Every event of the platform, so a name read from an outbox row finds its definition. */
export const EVENTS: readonly EventDefinition[] = [
  RegionAdded,
  PartyOrganisationCreated,
  PartyOrganisationDissolved,
  PartyMemberRegistered,
  DoubleReportAssigned,
  DepartmentCreated,
  GridCreated,
  GridRetired,
  HouseholdRegistered,
  HouseholdMoved,
  CaseReported,
  CaseResolved,
  CaseReopened,
  VolunteerTeamCreated,
  VolunteerTeamProfiled,
  PropertyCompanyRegistered,
  CollectiveOrganisationCreated,
  ...PROPERTY_EVENTS,
];

export function eventNamed(name: string, version: number): EventDefinition | undefined {
  return EVENTS.find((e) => e.name === name && e.version === version);
}
