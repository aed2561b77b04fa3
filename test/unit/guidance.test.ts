import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DiagnosisCause, Guidance, StatusLevel } from '../../shared/index.ts';
import { BUSINESS_TITLE, PERSON_TITLE, guidanceFor } from '../../server/guidance/default-guidance.ts';
import { CATEGORY_GUIDANCE } from '../../server/guidance/category-guidance.ts';
import { seedServices } from '../../server/catalog/seed-services.ts';

const steps = (sections: ReturnType<typeof guidanceFor>, title: string) =>
  sections.find((s) => s.title === title)?.steps ?? [];

describe('guidanceFor', () => {
  it('has defaults for every category in the built-in catalog', () => {
    const categories = new Set(seedServices.map((s) => s.category ?? 'Other'));
    for (const c of categories) expect(CATEGORY_GUIDANCE[c], c).toBeDefined();
  });

  it('gives nothing while all is well', () => {
    expect(guidanceFor({ category: 'AI', level: 'operational', problemKind: 'login' })).toEqual([]);
  });

  it('tells someone it works for most to check their own connection first', () => {
    const g = guidanceFor({
      category: 'Communication',
      level: 'partial_outage',
      problemKind: 'messages',
      cause: 'only-some-people',
    });
    expect(steps(g, PERSON_TITLE)[0]).toMatch(/^Check your own connection first/);
    expect(steps(g, BUSINESS_TITLE)[0]).toMatch(/your own network, region or account/);
    expect(steps(g, BUSINESS_TITLE).join(' ')).not.toMatch(/Tell your customers what is affected/);
    const login = steps(
      guidanceFor({ category: 'AI', level: 'partial_outage', problemKind: 'login', cause: 'only-some-people' }),
      PERSON_TITLE,
    );
    expect(login.join(' ')).not.toMatch(/rarely about your account/);
  });

  it('tells people to wait for the declared end during maintenance, without outage advice for customers', () => {
    const g = guidanceFor({
      category: 'Banking & payments',
      level: 'under_maintenance',
      problemKind: 'login',
      cause: 'maintenance',
    });
    expect(steps(g, PERSON_TITLE)[0]).toMatch(/^Wait for the declared end/);
    expect(steps(g, PERSON_TITLE).join(' ')).not.toMatch(/reset your password/);
    expect(steps(g, BUSINESS_TITLE).join(' ')).not.toMatch(/Tell your customers what is affected/);
  });

  it('fits the problem people report and the kind of service', () => {
    const g = guidanceFor({
      category: 'Banking & payments',
      level: 'major_outage',
      problemKind: 'login',
      cause: 'server-errors',
      officialUrl: 'https://status.example.com',
    });
    const person = steps(g, PERSON_TITLE);
    expect(person[0]).toMatch(/errors come from their side/);
    expect(person).toContain(
      'Do not reset your password or create a new account yet: sign-in trouble during an outage is rarely ' +
        'about your account.',
    );
    expect(person.some((s) => /Do not pay twice/.test(s))).toBe(true);
    expect(person.at(-1)).toBe(
      'Follow updates here (this page updates live) and on their official status page: https://status.example.com.',
    );
    const business = steps(g, BUSINESS_TITLE);
    expect(business.some((s) => /another payment method/.test(s))).toBe(true);
    expect(business.some((s) => /Tell your customers/.test(s))).toBe(true);
  });

  it('gives an app-or-web step for app problems, and a draft step for writing problems', () => {
    expect(
      steps(guidanceFor({ category: 'Social', level: 'partial_outage', problemKind: 'app' }), PERSON_TITLE)[0],
    ).toMatch(/website instead of the app/);
    expect(
      steps(guidanceFor({ category: 'AI', level: 'major_outage', problemKind: 'responses' }), PERSON_TITLE)[0],
    ).toMatch(/^Keep your draft/);
  });

  it('says less to businesses about a mild slowdown than about an outage', () => {
    const mild = steps(
      guidanceFor({ category: 'Cloud', level: 'degraded_performance', cause: 'overload' }),
      BUSINESS_TITLE,
    );
    const major = steps(guidanceFor({ category: 'Cloud', level: 'major_outage', cause: 'overload' }), BUSINESS_TITLE);
    expect(mild.length).toBeLessThan(major.length);
    expect(mild[0]).toMatch(/exponential backoff/);
  });

  it('falls back to general advice for a category without its own', () => {
    const g = guidanceFor({ category: 'Weather', level: 'major_outage', problemKind: 'website' });
    expect(steps(g, PERSON_TITLE)).toEqual([
      'Try the mobile app instead of the website, or the other way round.',
      'Follow updates here (this page updates live).',
    ]);
    expect(steps(g, BUSINESS_TITLE)[0]).toMatch(/Switch to your fallback/);
  });

  it("replaces the defaults with an operator's override", () => {
    const override = [{ title: 'While we fix it', steps: ['Use the backup site at https://backup.example.com.'] }];
    expect(guidanceFor({ category: 'AI', level: 'major_outage', cause: 'server-errors', override })).toEqual(override);
    expect(guidanceFor({ category: 'AI', level: 'major_outage', override: [] })[0]!.title).toBe(PERSON_TITLE);
  });

  it('always gives valid sections, person first, without repeats', () => {
    const categories = [...Object.keys(CATEGORY_GUIDANCE), 'Other'];
    const kinds = ['login', 'app', 'website', 'slow', 'errors', 'payments', 'api', 'signal', 'feed', 'x-unknown'];
    fc.assert(
      fc.property(
        fc.constantFrom(...categories),
        fc.constantFrom(...StatusLevel.options),
        fc.option(fc.constantFrom(...kinds), { nil: null }),
        fc.option(fc.constantFrom(...DiagnosisCause.options), { nil: null }),
        fc.option(fc.constant('https://status.example.com'), { nil: null }),
        (category, level, problemKind, cause, officialUrl) => {
          const g = guidanceFor({ category, level, problemKind, cause, officialUrl });
          expect(Guidance.parse(g)).toEqual(g);
          if (level === 'operational' && !cause) expect(g).toEqual([]);
          else expect(g[0]!.title).toBe(PERSON_TITLE);
          for (const s of g) expect(new Set(s.steps).size).toBe(s.steps.length);
        },
      ),
    );
  });
});

describe('Guidance schema', () => {
  it('turns away an override that is empty or too long', () => {
    expect(Guidance.safeParse([{ title: 'x', steps: [] }]).success).toBe(false);
    expect(Guidance.safeParse([{ title: '', steps: ['a'] }]).success).toBe(false);
    expect(Guidance.safeParse([{ title: 'x', steps: ['a'.repeat(301)] }]).success).toBe(false);
    expect(Guidance.safeParse([{ title: 'Backup', steps: ['Use the backup site.'] }]).success).toBe(true);
  });
});
