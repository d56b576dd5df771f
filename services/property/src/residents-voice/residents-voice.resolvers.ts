import type { Resolvers } from '../generated/graphql';
import { compoundResidentsVoice } from './residents-voice.queries';

/** Thin: the compound's residents' voice of a period. */
export const residentsVoiceResolvers: Resolvers = {
  ResidentialCompound: {
    residentsVoice: (compound, args, context) => compoundResidentsVoice(context, compound, args.period),
  },
};
