import { badInput, defineCommand, WRITERS } from '@gg/shared';
import { organisationReference } from '../party-organisation/party-organisation.queries';
import { regionForWrite } from '../region/region.queries';
import { TwoNewEntity } from './two-new.entity';
import { registerTwoNewEntityInput } from './two-new.inputs';

/**
 * Registers a non-public enterprise or social organisation (两新组织), with the Party organisation that
 * covers it when there is one (it must be in the caller's scope and its region must contain the entity's).
 */
export const registerTwoNewEntity = defineCommand({
  name: 'registerTwoNewEntity',
  input: registerTwoNewEntityInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    await regionForWrite(manager, caller, input.regionCode, { field: 'input.regionCode', action: 'register two-new organisations' });
    if (input.partyOrganisationId) {
      const organisation = await organisationReference(manager, caller, input.partyOrganisationId, 'input.partyOrganisationId');
      if (!input.regionCode.startsWith(organisation.regionCode) && !organisation.regionCode.startsWith(input.regionCode)) {
        throw badInput(
          'input.partyOrganisationId',
          `the organisation's region ${organisation.regionCode} is not that of the entity (${input.regionCode})`,
        );
      }
    }
    return manager.save(
      manager.create(TwoNewEntity, {
        name: input.name,
        kind: input.kind,
        regionCode: input.regionCode,
        partyOrganisationId: input.partyOrganisationId ?? null,
      }),
    );
  },
});
