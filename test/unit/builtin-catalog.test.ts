import { describe, expect, it } from 'vitest';
import { seedServices } from '../../server/catalog/seed-services.ts';
import { mergeCatalog } from '../../server/catalog/catalog-file.ts';
import { Service } from '../../shared/index.ts';

const services = seedServices.map((s) => Service.parse(s));
const bySlug = new Map(services.map((s) => [s.slug, s]));

describe('the built-in catalog', () => {
  it('parses with the Service schema and holds at least 100 services with distinct slugs', () => {
    expect(services.length).toBeGreaterThanOrEqual(100);
    expect(new Set(services.map((s) => s.slug)).size).toBe(services.length);
    expect(mergeCatalog(seedServices, undefined).services).toHaveLength(services.length);
  });

  it('keeps the slugs tests and stored data already use', () => {
    for (const slug of [
      'chatgpt',
      'openai-api',
      'claude',
      'gemini',
      'github',
      'slack',
      'discord',
      'zoom',
      'google',
      'youtube',
      'netflix',
      'aws',
      'cloudflare',
      'microsoft-365',
      'whatsapp',
      'instagram',
    ]) {
      expect(bySlug.has(slug), slug).toBe(true);
    }
  });

  it('has the services people ask about most, each in a sensible category', () => {
    const expected: Record<string, string> = {
      aws: 'Cloud',
      azure: 'Cloud',
      'google-cloud': 'Cloud',
      cloudflare: 'Cloud',
      github: 'Developer tools',
      slack: 'Communication',
      discord: 'Communication',
      zoom: 'Communication',
      chatgpt: 'AI',
      claude: 'AI',
      netflix: 'Streaming',
      steam: 'Gaming',
      'playstation-network': 'Gaming',
      'xbox-live': 'Gaming',
      chase: 'Banking & payments',
      'bank-of-america': 'Banking & payments',
      'wells-fargo': 'Banking & payments',
      barclays: 'Banking & payments',
      hsbc: 'Banking & payments',
      revolut: 'Banking & payments',
      monzo: 'Banking & payments',
      paypal: 'Banking & payments',
      verizon: 'Mobile carriers & ISPs',
      att: 'Mobile carriers & ISPs',
      't-mobile': 'Mobile carriers & ISPs',
      vodafone: 'Mobile carriers & ISPs',
      ee: 'Mobile carriers & ISPs',
      xfinity: 'Mobile carriers & ISPs',
    };
    for (const [slug, category] of Object.entries(expected)) expect(bySlug.get(slug)?.category, slug).toBe(category);
    const categories = new Set(services.map((s) => s.category));
    for (const c of [
      'Cloud',
      'AI',
      'Developer tools',
      'Communication',
      'Streaming',
      'Gaming',
      'Banking & payments',
      'Mobile carriers & ISPs',
      'Social',
      'Productivity',
      'Shopping',
    ]) {
      expect(categories.has(c), c).toBe(true);
    }
    // Every category holds a few services: one of one is a typo.
    for (const c of categories) expect(services.filter((s) => s.category === c).length, c).toBeGreaterThanOrEqual(3);
  });

  it('finds the aliases people type', () => {
    const alias = (a: string) => services.find((s) => s.aliases?.includes(a))?.slug;
    expect([alias('gpt'), alias('psn'), alias('xbox'), alias('aws'), alias('gcp')]).toEqual([
      'chatgpt',
      'playstation-network',
      'xbox-live',
      'aws',
      'google-cloud',
    ]);
  });

  it('probes every homepage over HTTPS at a pace a hundred services can keep', () => {
    let perMinute = 0;
    for (const s of services) {
      expect(s.probes!.length, s.slug).toBeGreaterThan(0);
      expect(s.homepage, s.slug).toMatch(/^https:\/\//);
      for (const p of s.probes!) {
        expect(p.intervalSeconds, `${s.slug} ${p.id}`).toBeGreaterThanOrEqual(60);
        expect(p.intervalSeconds, `${s.slug} ${p.id}`).toBeLessThanOrEqual(300);
        if (p.kind === 'http') expect(p.url, `${s.slug} ${p.id}`).toMatch(/^https:\/\//);
        perMinute += 60 / p.intervalSeconds;
      }
    }
    // About two requests a second at most from a fresh start, whatever PROBE_CONCURRENCY says.
    expect(perMinute).toBeLessThan(150);
  });

  it('names official status pages only in the shapes their kind reads', () => {
    const withOfficial = services.filter((s) => s.official);
    expect(withOfficial.length).toBeGreaterThanOrEqual(30);
    for (const s of withOfficial) {
      const { kind, url } = s.official!;
      expect(url, s.slug).toMatch(/^https:\/\//);
      if (kind === 'statuspage') expect(url, s.slug).toMatch(/^https:\/\/[a-z0-9.-]+\/api\/v2\/summary\.json$/);
      else expect(url, s.slug).toMatch(/(rss|atom|feed)/i);
    }
    expect(bySlug.get('aws')!.official).toEqual({ kind: 'feed', url: 'https://status.aws.amazon.com/rss/all.rss' });
    expect(bySlug.get('github')!.official).toEqual({
      kind: 'statuspage',
      url: 'https://www.githubstatus.com/api/v2/summary.json',
    });
  });
});
