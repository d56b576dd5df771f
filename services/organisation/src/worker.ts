import 'reflect-metadata';
import { runServiceWorker } from '@gg/shared';
import { organisationService } from './service';

void runServiceWorker(organisationService).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
