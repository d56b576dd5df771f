import { conflict, defineCommand, isUniqueViolation, notFound, requireWritableRegion, WRITERS } from '@gg/shared';
import { regionForWrite } from '../region/region.queries';
import { JointMeeting, JointMeetingBody } from './joint-meeting.entity';
import { createJointMeetingBodyInput, recordJointMeetingInput } from './joint-meeting.inputs';

/** Sets up a joint meeting (联席会议) of a county or street with its member units. */
export const createJointMeetingBody = defineCommand({
  name: 'createJointMeetingBody',
  input: createJointMeetingBodyInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    await regionForWrite(manager, caller, input.regionCode, { field: 'input.regionCode', action: 'set up a joint meeting' });
    return manager.save(
      manager.create(JointMeetingBody, { name: input.name, regionCode: input.regionCode, memberUnits: input.memberUnits }),
    );
  },
});

/**
 * Records a meeting held, with the problems tabled and solved at it (solved ≤ tabled). A body meets
 * once on a date: the same meeting recorded again is a CONFLICT naming the date (the unique index
 * decides, even between two concurrent records).
 */
export const recordJointMeeting = defineCommand({
  name: 'recordJointMeeting',
  input: recordJointMeetingInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    const body = await manager.findOneBy(JointMeetingBody, { id: input.bodyId });
    if (!body) throw notFound(`Joint meeting ${input.bodyId}`, 'input.bodyId');
    requireWritableRegion(caller, body.regionCode, 'record a joint meeting', 'input.bodyId');
    try {
      return await manager.save(
        manager.create(JointMeeting, {
          bodyId: body.id,
          regionCode: body.regionCode,
          heldOn: input.heldOn,
          problemsTabled: input.problemsTabled,
          problemsSolved: input.problemsSolved,
          note: input.note ?? null,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'joint_meeting_body_day_key') {
        throw conflict(`${body.name} already has a meeting recorded on ${input.heldOn}`, 'input.heldOn');
      }
      throw error;
    }
  },
});

export const jointMeetingCommands = [createJointMeetingBody, recordJointMeeting];
