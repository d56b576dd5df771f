import 'reflect-metadata';
import { runServiceWorker } from '@gg/shared';
import { volunteerService } from './service';

void runServiceWorker(volunteerService).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
