import 'reflect-metadata';
import { runServiceWorker } from '@gg/shared';
import { targetPolicyFromEnv } from './bureau-webhook/bureau-webhook.delivery';
import { propertyService } from './service';

// The webhook target policy is checked before anything starts: a production worker told to deliver
// to loopback (PROPERTY_WEBHOOK_ALLOW_LOOPBACK=on) exits at start-up instead of failing every delivery.
void Promise.resolve()
  .then(() => {
    targetPolicyFromEnv();
    return runServiceWorker(propertyService);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
