import {
  badInput,
  conflict,
  countyOf,
  defineCommand,
  isUniqueViolation,
  PartyMemberRegistered,
  protectResidentId,
  WRITERS,
} from '@gg/shared';
import { organisationForWrite, organisationReference } from '../party-organisation/party-organisation.queries';
import { PartyMember } from './party-member.entity';
import { assignTemporaryBranchInput, claimPioneerPostsInput, registerPartyMemberInput } from './party-member.inputs';
import { memberForWrite } from './party-member.queries';

/**
 * Registers a Party member in a regular organisation of the caller's scope. One person is one member:
 * a resident ID number already registered is a CONFLICT (decided by the unique index) and nothing is
 * written. The number is stored encrypted with a keyed hash, never in clear, and never in the event.
 */
export const registerPartyMember = defineCommand({
  name: 'registerPartyMember',
  input: registerPartyMemberInput,
  roles: WRITERS,
  async run(input, { caller, manager, publish }) {
    const organisation = await organisationForWrite(
      manager,
      caller,
      input.organisationId,
      'input.organisationId',
      'register Party members',
    );
    if (organisation.kind === 'TEMPORARY') {
      throw badInput(
        'input.organisationId',
        'a member belongs to a regular organisation; assign them to a temporary branch with assignTemporaryBranch',
      );
    }
    const residentId = protectResidentId(input.residentId);
    let member: PartyMember;
    try {
      member = await manager.save(
        manager.create(PartyMember, {
          organisationId: organisation.id,
          regionCode: organisation.regionCode,
          name: input.name,
          phone: input.phone,
          residentIdCipher: residentId.cipher,
          residentIdHash: residentId.hash,
          posts: input.posts,
          serviceCommitments: input.serviceCommitments,
          identityShown: input.identityShown,
          temporaryBranchId: null,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'party_member_resident_id_hash_key') {
        // The number never travels back in an error.
        throw conflict('This person is already registered as a Party member', 'input.residentId');
      }
      throw error;
    }
    publish(
      PartyMemberRegistered,
      { id: member.id, regionCode: member.regionCode, organisationId: organisation.id },
      { type: 'PartyMember', id: member.id },
    );
    return member;
  },
});

/** A member claims their pioneer posts and service commitments (党员先锋岗: 1–2 of each), replacing the last claim. */
export const claimPioneerPosts = defineCommand({
  name: 'claimPioneerPosts',
  input: claimPioneerPostsInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    const member = await memberForWrite(manager, caller, input.memberId, 'input.memberId', 'record pioneer posts');
    await manager.update(
      PartyMember,
      { id: member.id },
      { posts: input.posts, serviceCommitments: input.serviceCommitments, identityShown: input.identityShown ?? member.identityShown },
    );
    return manager.findOneByOrFail(PartyMember, { id: member.id });
  },
});

/**
 * Assigns a member to an active temporary branch of their county (平急转换). The member's regular
 * organisation does not change, so dissolving the branch loses nobody.
 */
export const assignTemporaryBranch = defineCommand({
  name: 'assignTemporaryBranch',
  input: assignTemporaryBranchInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    const member = await memberForWrite(manager, caller, input.memberId, 'input.memberId', 'assign a member');
    const branch = await organisationReference(manager, caller, input.branchId, 'input.branchId');
    if (branch.kind !== 'TEMPORARY')
      throw badInput('input.branchId', 'members are assigned to a temporary branch; their regular organisation stays');
    if (branch.dissolvedOn) throw badInput('input.branchId', `the branch was dissolved on ${branch.dissolvedOn}`);
    if (countyOf(branch.regionCode) !== countyOf(member.regionCode))
      throw badInput('input.branchId', "the branch is in another county than the member's organisation");
    await manager.update(PartyMember, { id: member.id }, { temporaryBranchId: branch.id });
    return manager.findOneByOrFail(PartyMember, { id: member.id });
  },
});

export const partyMemberCommands = [registerPartyMember, claimPioneerPosts, assignTemporaryBranch];
