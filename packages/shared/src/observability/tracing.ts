import { log } from './logger';

let started: { shutdown(): Promise<void> } | undefined;

/**
 * OpenTelemetry tracing, off by default: with `OTEL_TRACING=on` the Node SDK starts with the OTLP/HTTP
 * exporter (`OTEL_EXPORTER_OTLP_ENDPOINT`) and HTTP instrumentation; @apollo/gateway's own spans
 * (planning, each subgraph fetch) go through the same provider. Off, nothing is even loaded. Call it
 * first thing in an entry point; `stopTracing` flushes on shutdown.
 */
export async function startTracing(component: string, enabled: boolean): Promise<void> {
  if (!enabled || started) return;
  const [{ NodeSDK }, { OTLPTraceExporter }, { HttpInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation-http'),
  ]);
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ?? `gg-${component}`,
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [new HttpInstrumentation()],
  });
  sdk.start();
  started = sdk;
  log(component).info({ endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318' }, 'tracing on');
}

export async function stopTracing(): Promise<void> {
  await started?.shutdown();
  started = undefined;
}
