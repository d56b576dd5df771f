import { SERVICE_NAMES } from '@gg/shared';
import type { Case, MatrixPart } from './types';

/** `collective-economy` → `collectiveEconomy`, as the operators' job fields are named. */
const camel = (service: string) => service.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const title = (service: string) => camel(service)[0]!.toUpperCase() + camel(service).slice(1);

/** The operators' job and event fields every service gets from the shared package: OPERATOR only, no region. */
export const operationsMatrix: MatrixPart = {
  async seed() {
    return {};
  },
  queries: Object.fromEntries(
    SERVICE_NAMES.flatMap((service): Array<[string, Case]> => [
      [
        `${camel(service)}JobRuns`,
        {
          query: `{ ${camel(service)}JobRuns(first: 5) { edges { node { id jobName status } } pageInfo { hasNextPage } } }`,
          variables: () => ({}),
          regional: false,
        },
      ],
      [
        `${camel(service)}FailedJobs`,
        { query: `{ ${camel(service)}FailedJobs(first: 5) { id name } }`, variables: () => ({}), regional: false },
      ],
      [
        `${camel(service)}DeadLetters`,
        {
          query: `{ ${camel(service)}DeadLetters(first: 5) { totalCount edges { node { id name } } } }`,
          variables: () => ({}),
          regional: false,
        },
      ],
      [
        `${camel(service)}EventLag`,
        { query: `{ ${camel(service)}EventLag { producer waiting } }`, variables: () => ({}), regional: false },
      ],
    ]),
  ),
  mutations: Object.fromEntries(
    SERVICE_NAMES.flatMap((service): Array<[string, Case]> => [
      [
        `retry${title(service)}Job`,
        { query: `mutation { retry${title(service)}Job(jobId: "no-such-job") { id } }`, variables: () => ({}), regional: false },
      ],
      [
        `retry${title(service)}DeadLetter`,
        {
          query: `mutation { retry${title(service)}DeadLetter(id: "00000000-0000-4000-8000-00000000dead") { resolved } }`,
          variables: () => ({}),
          regional: false,
        },
      ],
    ]),
  ),
};
