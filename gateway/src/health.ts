import { SERVICE_NAMES, type ServiceName } from '@gg/shared';

export type HealthStatus = 'ok' | 'degraded' | 'down';

/**
 * The gateway's status from its parts: ok only when every part is ok; down when no subgraph
 * answers at all (nothing can be served); degraded otherwise (some fields or jobs are missing).
 */
export function overallStatus(subgraphs: readonly HealthStatus[], gatewayParts: readonly HealthStatus[] = []): HealthStatus {
  if (subgraphs.length > 0 && subgraphs.every((s) => s === 'down')) return 'down';
  return [...subgraphs, ...gatewayParts].every((s) => s === 'ok') ? 'ok' : 'degraded';
}

function statusOf(body: unknown): HealthStatus {
  const status = (body as { status?: unknown } | null)?.status;
  return status === 'ok' || status === 'degraded' ? status : 'down';
}

/** Each subgraph's own /health (down when it does not answer in two seconds). */
export async function subgraphHealth(urls: Record<ServiceName, string>): Promise<Record<ServiceName, { status: HealthStatus }>> {
  const entries = await Promise.all(
    SERVICE_NAMES.map(async (name) => {
      try {
        const response = await fetch(urls[name].replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2000) });
        const body = (await response.json()) as Record<string, unknown>;
        return [name, { ...body, status: statusOf(body) }] as const;
      } catch {
        return [name, { status: 'down' as const }] as const;
      }
    }),
  );
  return Object.fromEntries(entries) as Record<ServiceName, { status: HealthStatus }>;
}
