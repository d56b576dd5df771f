import 'reflect-metadata';
import { runServiceApi } from '@gg/shared';
import { volunteerService } from './service';

void runServiceApi(volunteerService).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
