import { jobOptionsOf } from '@gg/shared';
import { Webhook } from 'standardwebhooks';
import type { LookupAddress } from 'node:dns';
import {
  BlockedTarget,
  DELIVERY_SETTINGS,
  deliveryJob,
  guardedLookup,
  signedHeaders,
  targetPolicyFromEnv,
} from '../src/bureau-webhook/bureau-webhook.delivery';
import {
  attemptOutcomeOf,
  blockedAddressReason,
  signingSecrets,
  webhookIdOf,
  webhookUrlProblem,
} from '../src/bureau-webhook/bureau-webhook.rules';

describe('webhook rules', () => {
  it('takes https, and plain http to this machine outside production only', () => {
    expect(webhookUrlProblem('https://zjj.example.gov.cn/hooks/gg', true)).toBeUndefined();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', false)).toBeUndefined();
    expect(webhookUrlProblem('http://localhost/hook', false)).toBeUndefined();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', true)).toMatch(/public address/);
    expect(webhookUrlProblem('http://zjj.example.gov.cn/hook', false)).toMatch(/https/);
    expect(webhookUrlProblem('https://user:pw@zjj.example.gov.cn/', true)).toMatch(/user name or password/);
    expect(webhookUrlProblem('ftp://zjj.example.gov.cn/', false)).toMatch(/https/);
    expect(webhookUrlProblem('zjj.example.gov.cn/hook', false)).toMatch(/absolute URL/);
    expect(webhookUrlProblem('http://zjj.example.gov.cn/hook', true)).toMatch(/https/);
    // In production the platform is not made to call its own network.
    for (const host of ['127.0.0.1', '10.1.2.3', '172.20.0.5', '192.168.1.10', '169.254.169.254', 'localhost', '[::1]', '[fd00::1]'])
      expect([host, webhookUrlProblem(`https://${host}/hook`, true)]).toEqual([host, expect.stringMatching(/public address/)]);
    expect(webhookUrlProblem('https://8.8.8.8/hook', true)).toBeUndefined();
    expect(webhookUrlProblem('https://[2001:db8::1]/hook', true)).toBeUndefined();
  });

  it('signs with every secret not retired yet, the newest first', () => {
    const at = (iso: string) => new Date(iso);
    const secrets = [
      { id: 'old', createdAt: at('2026-01-01T00:00:00Z'), retiresAt: at('2026-11-30T12:00:00Z') },
      { id: 'older', createdAt: at('2025-01-01T00:00:00Z'), retiresAt: at('2026-06-01T00:00:00Z') },
      { id: 'new', createdAt: at('2026-11-29T12:00:00Z'), retiresAt: null },
    ];
    expect(signingSecrets(secrets, at('2026-11-30T11:59:59Z')).map((s) => s.id)).toEqual(['new', 'old']);
    expect(signingSecrets(secrets, at('2026-11-30T12:00:00Z')).map((s) => s.id)).toEqual(['new']);
  });

  it('puts one v1 signature per secret in the header, each verifiable on its own', () => {
    const a = `whsec_${Buffer.from('a'.repeat(32)).toString('base64')}`;
    const b = `whsec_${Buffer.from('b'.repeat(32)).toString('base64')}`;
    const body = JSON.stringify({ type: 'property.red_black_list.published', data: { id: 'x' } });
    const headers = signedHeaders(webhookIdOf('0b8f6d3e-0000-4000-8000-000000000001'), new Date(), body, [a, b]);
    expect(headers['webhook-id']).toBe('msg_0b8f6d3e000040008000000000000001');
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(a).verify(body, headers)).toMatchObject({ data: { id: 'x' } });
    expect(new Webhook(b).verify(body, headers)).toMatchObject({ data: { id: 'x' } });
  });

  it('treats 2xx as delivered and retries everything else with exponential backoff', () => {
    expect(attemptOutcomeOf({ status: 200 })).toBe('DELIVERED');
    expect(attemptOutcomeOf({ status: 299 })).toBe('DELIVERED');
    expect(attemptOutcomeOf({ status: 301 })).toBe('HTTP_ERROR');
    expect(attemptOutcomeOf({ error: 'TIMEOUT' })).toBe('TIMEOUT');
    expect(jobOptionsOf(deliveryJob())).toMatchObject({
      attempts: DELIVERY_SETTINGS.attempts,
      backoff: { type: 'exponential', delay: DELIVERY_SETTINGS.backoffMs },
    });
  });

  it('connects to public unicast addresses only (loopback when the development setting allows it)', () => {
    const off = { allowLoopback: false };
    const on = { allowLoopback: true };
    const refused = [
      ['127.0.0.1', /loopback/],
      ['127.8.9.10', /loopback/],
      ['::1', /loopback/],
      ['0.0.0.0', /unspecified/],
      ['::', /unspecified/],
      ['10.1.2.3', /private/],
      ['172.16.0.1', /private/],
      ['172.31.255.254', /private/],
      ['192.168.1.10', /private/],
      ['169.254.169.254', /link-local/], // the cloud metadata service
      ['fe80::1', /link-local/],
      ['100.64.0.1', /carrier-grade NAT/],
      ['100.127.255.254', /carrier-grade NAT/],
      ['fc00::1', /unique local/],
      ['fd12:3456::1', /unique local/],
      ['::ffff:127.0.0.1', /loopback/], // IPv4-mapped IPv6: judged as its IPv4
      ['::ffff:10.0.0.1', /private/],
      ['::ffff:169.254.169.254', /link-local/],
      ['64:ff9b::a00:1', /private/], // NAT64 of 10.0.0.1
      ['224.0.0.1', /multicast/],
      ['ff02::1', /multicast/],
      ['255.255.255.255', /broadcast/],
      ['240.0.0.1', /reserved/],
      ['192.0.2.10', /reserved/],
      ['198.18.0.1', /reserved/],
      ['2001:db8::1', /reserved/],
      ['2002:a00:1::1', /6to4/],
      ['2001:0:a00:1::1', /teredo/],
      ['not-an-address', /not an IP address/],
    ] as const;
    for (const [address, why] of refused)
      expect([address, blockedAddressReason(address, off)]).toEqual([address, expect.stringMatching(why)]);
    for (const address of [
      '8.8.8.8',
      '93.184.216.34',
      '100.63.255.255',
      '100.128.0.1',
      '172.15.255.255',
      '172.32.0.1',
      '2400:3200::1',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
    ])
      expect([address, blockedAddressReason(address, off)]).toEqual([address, undefined]);
    // The development setting opens loopback only, never a private or link-local address.
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(blockedAddressReason(address, on)).toBeUndefined();
    for (const address of ['10.1.2.3', '169.254.169.254', '0.0.0.0', 'fc00::1']) expect(blockedAddressReason(address, on)).toBeDefined();
  });

  it('resolves once per connection and hands the socket only the addresses it checked (no DNS rebinding)', async () => {
    // A hostile name server: a public address at the first question, the metadata address after it.
    const answers: LookupAddress[][] = [[{ address: '93.184.216.34', family: 4 }], [{ address: '169.254.169.254', family: 4 }]];
    let asked = 0;
    const lookup = guardedLookup({ allowLoopback: false }, (_host, _options, callback) => callback(null, answers[asked++]!));
    const connect = (all: boolean) =>
      new Promise<unknown>((resolve) =>
        lookup('bureau.example.cn', { all }, (error: Error | null, address: unknown) => resolve(error ?? address)),
      );
    expect(await connect(true)).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(asked).toBe(1);
    // The next connection resolves again and is refused, whatever the first answer was.
    const second = await connect(false);
    expect(second).toBeInstanceOf(BlockedTarget);
    expect((second as Error).message).toMatch(/^bureau\.example\.cn resolved: 169\.254\.169\.254 is a link-local address/);
    // A record mixing a public and a private address is refused as a whole (the socket may try either).
    const mixed = guardedLookup({ allowLoopback: false }, (_host, _options, callback) =>
      callback(null, [
        { address: '93.184.216.34', family: 4 },
        { address: '::ffff:192.168.0.1', family: 6 },
      ]),
    );
    const refused = await new Promise<unknown>((resolve) =>
      mixed('bureau.example.cn', { all: true }, (error: Error | null) => resolve(error)),
    );
    expect((refused as Error).message).toMatch(/192\.168\.0\.1 is a private/);
  });

  it('allows loopback targets by default outside production only, and refuses to allow them in production', () => {
    expect(targetPolicyFromEnv({ NODE_ENV: 'test' })).toEqual({ allowLoopback: true });
    expect(targetPolicyFromEnv({ NODE_ENV: 'development', PROPERTY_WEBHOOK_ALLOW_LOOPBACK: 'off' })).toEqual({ allowLoopback: false });
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      PII_ENCRYPTION_KEY: '0'.repeat(64),
      PII_HASH_KEY: 'y'.repeat(32),
    } as const;
    expect(targetPolicyFromEnv(production)).toEqual({ allowLoopback: false });
    expect(() => targetPolicyFromEnv({ ...production, PROPERTY_WEBHOOK_ALLOW_LOOPBACK: 'on' })).toThrow(/must not be on in production/);
  });
});
