import 'reflect-metadata';
import { runServiceApi } from '@gg/shared';
import { organisationService } from './service';

void runServiceApi(organisationService).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
