import ipaddr from 'ipaddr.js';

/**
 * The housing bureau's webhooks, per the Standard Webhooks specification (standardwebhooks.com): each
 * message has a stable id (`webhook-id`, the same in every retry, so a receiver drops duplicates by it),
 * each attempt its own `webhook-timestamp`, and `webhook-signature` holds one `v1,<base64 HMAC-SHA256>`
 * per secret in use, separated by spaces: during a rotation both the old and the new secret sign.
 */

/** The event types the bureau receives, by the outbox event that causes them. */
export const WEBHOOK_EVENT_TYPES = {
  RedBlackListPublished: 'property.red_black_list.published',
  AnnualAssessmentPublished: 'property.annual_assessment.published',
} as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[keyof typeof WEBHOOK_EVENT_TYPES];

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const ATTEMPT_OUTCOMES = ['SENDING', 'DELIVERED', 'HTTP_ERROR', 'TIMEOUT', 'NETWORK_ERROR', 'BLOCKED'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Overlap of a rotation: both secrets sign for this long (default one day, at most a week). */
export const ROTATION_OVERLAP_HOURS = { default: 24, max: 7 * 24 } as const;

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** IPv4 literals of loopback, private, link-local and unspecified ranges, and IPv6 literals other than global ones. */
function isPrivateAddress(hostname: string): boolean {
  if (hostname.startsWith('[')) return !/^\[(2|3)[0-9a-f]{3}:/i.test(hostname);
  const octets = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(hostname)?.slice(1).map(Number);
  if (!octets) return false;
  const [a, b] = octets as [number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/**
 * Why a URL cannot receive the bureau's webhooks, or undefined: HTTPS only, no credentials in it; plain
 * HTTP to this machine is allowed outside production only (tests and local development).
 */
export function webhookUrlProblem(raw: string, production: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password (the signature authenticates us)';
  if (url.hash) return 'must not have a fragment (#…)';
  // In production the platform must not be made to call its own network (a loopback or private address).
  if (production && (LOCAL_HOSTS.includes(url.hostname) || isPrivateAddress(url.hostname)))
    return 'must be a public address, not a loopback or private one';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && !production && LOCAL_HOSTS.includes(url.hostname)) return undefined;
  return production ? 'must be an https:// URL' : 'must be an https:// URL (http:// only to 127.0.0.1 or localhost outside production)';
}

/** The secrets that sign at `now`: every one not retired yet, the newest first. */
export function signingSecrets<S extends { createdAt: Date; retiresAt: Date | null }>(secrets: readonly S[], now: Date): S[] {
  return secrets
    .filter((s) => s.retiresAt === null || s.retiresAt.getTime() > now.getTime())
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** The `webhook-id` of a message: stable across its retries. */
export function webhookIdOf(messageId: string): string {
  return `msg_${messageId.replace(/-/g, '')}`;
}

/** The JSON body (Standard Webhooks' recommended shape: type, timestamp, data): ids and codes only. */
export function webhookBody(type: WebhookEventType, occurredAt: Date, data: object): string {
  return JSON.stringify({ type, timestamp: occurredAt.toISOString(), data });
}

/** What an HTTP answer means for a delivery: any 2xx is delivered; everything else is retried. */
export function attemptOutcomeOf(answer: { status: number } | { error: 'TIMEOUT' | 'NETWORK_ERROR' | 'BLOCKED' }): AttemptOutcome {
  if ('error' in answer) return answer.error;
  return answer.status >= 200 && answer.status < 300 ? 'DELIVERED' : 'HTTP_ERROR';
}

// ─── Where a delivery may connect (SSRF): checked on the address actually connected to ───

/** Which non-public addresses a delivery may still connect to: loopback only, and only in tests and development. */
export interface TargetPolicy {
  allowLoopback: boolean;
}

/** The words for ipaddr.js's special ranges in a refusal. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'unspecified address (0.0.0.0/8, ::)',
  broadcast: 'broadcast address',
  multicast: 'multicast address',
  linkLocal: 'link-local address (169.254.0.0/16 with the cloud metadata service, fe80::/10)',
  loopback: 'loopback address',
  carrierGradeNat: 'carrier-grade NAT address (100.64.0.0/10)',
  private: 'private address (10/8, 172.16/12, 192.168/16)',
  uniqueLocal: 'unique local address (fc00::/7)',
  reserved: 'reserved address',
};

/**
 * Why a delivery must not connect to an IP address, or undefined for a public unicast one. Only
 * ipaddr.js's `unicast` range (global unicast) passes: private, loopback, link-local (the cloud
 * metadata 169.254.169.254), carrier-grade NAT, unspecified, multicast, reserved and documentation
 * ranges, and IPv6 transition ranges that can tunnel to any IPv4 (6to4, Teredo) are refused. An
 * IPv4-mapped IPv6 address (::ffff:10.0.0.1) and a NAT64 one (64:ff9b::a00:1) are judged by their IPv4;
 * IPv4-compatible (::/96) and local-use NAT64 (64:ff9b:1::/48) addresses are refused.
 */
export function blockedAddressReason(address: string, policy: TargetPolicy): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let ip = ipaddr.process(address); // IPv4-mapped IPv6 → IPv4
  if (ip instanceof ipaddr.IPv6) {
    const bytes = ip.toByteArray();
    // ::/96 (IPv4-compatible, deprecated) reads as global unicast to ipaddr.js but can reach an IPv4
    // host through a tunnel; 64:ff9b:1::/48 is a network's own NAT64 prefix, where the IPv4 address
    // may sit anywhere: neither is a public destination.
    if (ip.range() === 'unicast' && bytes.slice(0, 12).every((b) => b === 0))
      return `${address} is an IPv4-compatible address (::/96): webhooks are delivered to public addresses only`;
    if (ip.match(ipaddr.parseCIDR('64:ff9b:1::/48')))
      return `${address} is a local-use NAT64 address (64:ff9b:1::/48): webhooks are delivered to public addresses only`;
    if (ip.range() === 'rfc6052') ip = ipaddr.fromByteArray(bytes.slice(12));
  }
  const range = ip.range();
  if (range === 'unicast') return undefined;
  if (range === 'loopback' && policy.allowLoopback) return undefined;
  return `${address} is a ${RANGE_WORDS[range] ?? `${range} address`}: webhooks are delivered to public addresses only`;
}
