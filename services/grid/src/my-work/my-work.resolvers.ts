import type { QueryResolvers } from '../generated/graphql';
import { listMyWork } from './my-work.queries';

export const myWorkResolvers = {
  Query: {
    myWork: (_, args, context) => listMyWork(context, args, new Date()),
  } satisfies QueryResolvers,
};
