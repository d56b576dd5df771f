import { jobOptionsOf } from '@gg/shared';
import { Webhook } from 'standardwebhooks';
import { DELIVERY_SETTINGS, deliveryJob, signedHeaders } from '../src/bureau-webhook/bureau-webhook.delivery';
import { attemptOutcomeOf, signingSecrets, webhookIdOf, webhookUrlProblem } from '../src/bureau-webhook/bureau-webhook.rules';

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
});
