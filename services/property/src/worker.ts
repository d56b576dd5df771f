import 'reflect-metadata';
import { runServiceWorker } from '@gg/shared';
import { propertyService } from './service';

void runServiceWorker(propertyService).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
