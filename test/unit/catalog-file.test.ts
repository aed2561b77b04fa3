import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CatalogFileError, mergeCatalog, readCatalogFile } from '../../server/catalog/catalog-file.ts';
import { seedServices } from '../../server/catalog/seed-services.ts';
import { Service } from '../../shared/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'catalog-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const YAML = `
services:
  # A new service: name, homepage and problems are required.
  - slug: acme-pay
    name: Acme Pay
    homepage: https://pay.acme.example
    category: Payments
    problems:
      - { id: checkout, label: Checkout }
      - { id: login, label: Login }
    probes:
      - { kind: http, id: homepage, name: Homepage, url: "https://pay.acme.example/" }
      - { kind: tcp, id: smtp, name: Mail, host: mx.acme.example, port: 25, intervalSeconds: 300 }
    official: { kind: feed, url: "https://status.acme.example/history.rss" }
  # A built-in service: only the fields named change.
  - slug: github
    probes: []
    official: null
`;

describe('the catalog file', () => {
  it('reads YAML, adds new services and overrides only the named fields of built-in ones', () => {
    const merged = mergeCatalog(seedServices, readCatalogFile(file('catalog.yaml', YAML)));
    const acme = merged.services.find((s) => s.slug === 'acme-pay')!;
    expect(acme.probes![0]).toMatchObject({
      id: 'homepage',
      intervalSeconds: 60,
      method: 'GET',
      expectStatus: { min: 200, max: 399 },
    });
    expect(acme.official).toEqual({ kind: 'feed', url: 'https://status.acme.example/history.rss' });
    const github = merged.services.find((s) => s.slug === 'github')!;
    expect(github).toMatchObject({ name: 'GitHub', category: 'Developer tools', probes: [] });
    expect(github.official).toBeUndefined();
    expect(merged.services).toHaveLength(seedServices.length + 1);
    expect(merged.fileFields.get('github')).toEqual(new Set(['probes', 'official']));
    expect(merged.fileFields.get('chatgpt')).toBeUndefined();
  });

  it('reads JSON the same way', () => {
    const json = file('catalog.json', JSON.stringify({ services: [{ slug: 'chatgpt', category: 'Chat' }] }));
    const merged = mergeCatalog(seedServices, readCatalogFile(json));
    expect(merged.services.find((s) => s.slug === 'chatgpt')).toMatchObject({ name: 'ChatGPT', category: 'Chat' });
  });

  it('refuses a bad file with every field error and the file path', () => {
    const bad = file(
      'bad.yaml',
      `services:
  - slug: github
    probes:
      - { kind: http, id: homepage, name: Homepage, url: "ftp://nope", intervalSeconds: 5 }
    colour: blue
  - slug: new-thing
    homepage: https://new.example
`,
    );
    let error: CatalogFileError | undefined;
    try {
      mergeCatalog(seedServices, readCatalogFile(bad), bad);
    } catch (err) {
      error = err as CatalogFileError;
    }
    expect(error).toBeInstanceOf(CatalogFileError);
    expect(error!.message).toContain(bad);
    expect(error!.problems).toEqual(
      expect.arrayContaining([
        'services.0.probes.0.url: url must be a full http:// or https:// address',
        'services.0.probes.0.intervalSeconds: probes run at most every 15 seconds',
        expect.stringMatching(/^services\.0: Unrecognized key: "colour"/),
      ]),
    );

    const missing = file('missing.yaml', 'services:\n  - slug: new-thing\n    homepage: https://new.example\n');
    expect(() => mergeCatalog(seedServices, readCatalogFile(missing), missing)).toThrow(
      /services\.0\.name: required for a new service \(slug "new-thing" is not built in\)/,
    );
  });

  it('names the file when it cannot be read or parsed', () => {
    expect(() => readCatalogFile(path.join(dir, 'nope.yaml'))).toThrow(/nope\.yaml .*cannot be read \(ENOENT\)/s);
    expect(() => readCatalogFile(file('broken.json', '{ "services": ['))).toThrow(/broken\.json .*not valid JSON/s);
    expect(() => readCatalogFile(file('broken.yaml', 'services: [ {'))).toThrow(/broken\.yaml .*not valid YAML/s);
  });

  it('ships a built-in catalog that validates, with probes for every service', () => {
    for (const s of seedServices) {
      const parsed = Service.parse(s);
      expect(parsed.probes!.length, s.slug).toBeGreaterThan(0);
      for (const p of parsed.probes!)
        if (p.kind === 'http') expect(p.url.startsWith('https://'), `${s.slug} ${p.id}`).toBe(true);
      if (parsed.official?.kind === 'statuspage')
        expect(parsed.official.url).toMatch(/^https:\/\/[^/]+\/api\/v2\/summary\.json$/);
    }
  });
});
