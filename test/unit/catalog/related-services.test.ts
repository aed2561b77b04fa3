import { describe, expect, it } from 'vitest';
import {
  relatedServices,
  RELATED_MAX,
  TROUBLED_MAX,
  type RelatedCandidate,
} from '../../../server/catalog/related-services.ts';
import { RelatedWatch } from '../../../server/catalog/related-watch.ts';

const svc = (slug: string, category: string, more: Partial<RelatedCandidate> = {}): RelatedCandidate => ({
  slug,
  name: slug.toUpperCase(),
  category,
  level: 'operational',
  troubled: false,
  ...more,
});

describe('related services', () => {
  it('lists the other services of the same category, by name, when nothing is wrong', () => {
    const all = [svc('aws', 'Cloud'), svc('gcp', 'Cloud'), svc('azure', 'Cloud'), svc('netflix', 'Streaming')];
    expect(relatedServices('aws', all)).toEqual([
      { slug: 'azure', name: 'AZURE', reason: 'Also in Cloud', kind: 'same_category', level: 'operational' },
      { slug: 'gcp', name: 'GCP', reason: 'Also in Cloud', kind: 'same_category', level: 'operational' },
    ]);
  });

  it('puts services having problems now first, whatever their category, and does not list them twice', () => {
    const all = [
      svc('slack', 'Communication', { level: 'major_outage', troubled: true }),
      svc('aws', 'Cloud', { level: 'major_outage', troubled: true }),
      svc('azure', 'Cloud'),
      svc('netflix', 'Streaming', { level: 'partial_outage', troubled: true }),
      svc('steam', 'Gaming', { level: 'degraded_performance', troubled: true }),
      svc('zoom', 'Communication', { level: 'partial_outage', troubled: true }),
    ];
    const list = relatedServices('slack', all);
    expect(list.map((r) => [r.slug, r.kind])).toEqual([
      ['zoom', 'problems_now'], // same category first
      ['aws', 'problems_now'], // then the worse verdict
      ['netflix', 'problems_now'],
      ['steam', 'problems_now'],
    ]);
    expect(list[0]!.reason).toBe('Also having problems now');
  });

  it('counts an open incident as a problem even before the verdict moves, but not maintenance', () => {
    const all = [svc('a', 'X'), svc('b', 'Y', { troubled: true }), svc('c', 'Y', { level: 'under_maintenance' })];
    expect(relatedServices('a', all).map((r) => r.slug)).toEqual(['b']);
  });

  it('caps the list, and the services having problems within it', () => {
    const all = [
      svc('me', 'Big'),
      ...Array.from({ length: 12 }, (_, i) => svc(`t${i}`, 'Other', { troubled: true, level: 'major_outage' })),
      ...Array.from({ length: 12 }, (_, i) => svc(`n${String(i).padStart(2, '0')}`, 'Big')),
    ];
    const list = relatedServices('me', all);
    expect(list).toHaveLength(RELATED_MAX);
    expect(list.filter((r) => r.kind === 'problems_now')).toHaveLength(TROUBLED_MAX);
    expect(list.at(-1)!.slug).toBe('n02');
  });

  it('is empty for an unknown service', () => {
    expect(relatedServices('nope', [svc('a', 'X')])).toEqual([]);
  });

  it('tells which pages must be pushed again when another service starts having problems', () => {
    let all = [svc('aws', 'Cloud'), svc('azure', 'Cloud'), svc('netflix', 'Streaming'), svc('hulu', 'Streaming')];
    const watch = new RelatedWatch(() => all);
    expect(watch.changed()).toEqual([]);
    expect(watch.changed()).toEqual([]);
    all = all.map((s) => (s.slug === 'aws' ? { ...s, level: 'major_outage', troubled: true } : s));
    expect(watch.changed().sort()).toEqual(['azure', 'hulu', 'netflix']);
    expect(watch.changed()).toEqual([]);
  });
});
