import { describe, expect, it } from 'vitest';
import { justMeAnswer, type JustMeInput } from '../../../client/src/lib/just-me.ts';

const failing = { latest: { ok: false } } as JustMeInput['probes'][number];
const passing = { latest: { ok: true } } as JustMeInput['probes'][number];
const waiting = { latest: null } as JustMeInput['probes'][number];

const base: JustMeInput = {
  name: 'Acme Mail',
  host: 'mail.example',
  level: 'operational',
  stats: { lastHour: 0 },
  diagnosis: null,
  probes: [passing, passing],
  myCheck: { reachable: true, ms: 120 },
};
const answer = (over: Partial<JustMeInput>) => justMeAnswer({ ...base, ...over });

describe('is it just me: the visitor’s check read with what everyone else sees', () => {
  it(
    'says it is not just you when people report problems, ' + 'our probes fail and the browser cannot reach it either',
    () => {
      expect(
        answer({
          level: 'major_outage',
          stats: { lastHour: 40 },
          probes: [failing, failing],
          diagnosis: { cause: 'server-errors' },
          myCheck: { reachable: false, ms: 8000 },
        }),
      ).toEqual({
        kind: 'not-just-you',
        headline: "It's not just you",
        because: '40 people reported problems in the last hour and our probes fail too.',
        yours: 'Your browser could not reach mail.example either.',
      });
    },
  );

  it('counts failing probes among those with a result, and says one person in the singular', () => {
    const a = answer({
      level: 'partial_outage',
      stats: { lastHour: 1 },
      probes: [failing, passing, waiting],
      myCheck: { reachable: false, ms: 30 },
    });
    expect(a.because).toBe('1 person reported problems in the last hour and 1 of our 2 probes fails too.');
  });

  it('leans on probes alone when nobody reported, and on the verdict when there is neither', () => {
    expect(answer({ level: 'partial_outage', probes: [failing], myCheck: { reachable: false, ms: 30 } }).because).toBe(
      'Our probes fail too.',
    );
    expect(answer({ level: 'degraded_performance', probes: [], myCheck: { reachable: false, ms: 30 } }).because).toBe(
      'Our verdict is degraded performance.',
    );
  });

  it('says it may be partial when the browser reaches it while many report problems', () => {
    const a = answer({
      level: 'major_outage',
      stats: { lastHour: 1234 },
      probes: [failing],
      myCheck: { reachable: true, ms: 1500 },
    });
    expect(a.kind).toBe('partial');
    expect(a.headline).toBe('It may be partial');
    expect(a.because).toBe(
      `${(1234).toLocaleString()} people reported problems in the last hour and our probes fail too.`,
    );
    expect(a.yours).toBe(
      'Your browser reached mail.example (1.5 s): some features, accounts or regions may fail while the ' +
        'homepage answers.',
    );
    expect(a.tryNext).toMatch(/again in a few minutes/);
  });

  it('says it looks like just you when all is well and the browser cannot reach it: check the connection', () => {
    const a = answer({ myCheck: { reachable: false, ms: 20 } });
    expect(a).toMatchObject({
      kind: 'just-you',
      headline: "Looks like it's just you",
      because: 'Acme Mail answers for us and for most people.',
      yours: 'Your browser could not reach mail.example.',
    });
    expect(a.tryNext).toMatch(/Wi-Fi and mobile data/);
  });

  it('says it looks like just you when all is well and the browser reaches it: the account or the app', () => {
    const a = answer({});
    expect(a).toMatchObject({
      kind: 'just-you',
      because: 'Acme Mail answers for us and for most people, and from your browser too.',
      yours: 'Your browser reached mail.example (120 ms).',
    });
    expect(a.tryNext).toMatch(/private window/);
  });

  it('does not claim our probes reach it when there are none, or when our own network is down', () => {
    expect(answer({ probes: [], myCheck: { reachable: false, ms: 20 } }).because).toBe(
      'Acme Mail answers for most people.',
    );
    expect(answer({ vantageDown: true, myCheck: { reachable: false, ms: 20 } }).because).toBe(
      'Acme Mail answers for most people.',
    );
    // Our failing probes while we are cut off are no evidence either way.
    expect(
      answer({
        level: 'partial_outage',
        vantageDown: true,
        probes: [failing],
        stats: { lastHour: 3 },
        myCheck: { reachable: false, ms: 20 },
      }).because,
    ).toBe('3 people reported problems in the last hour.');
  });

  it('reads "only some people" as working for most, yet not just you while many report problems', () => {
    const a = answer({
      level: 'partial_outage',
      stats: { lastHour: 25 },
      diagnosis: { cause: 'only-some-people' },
      myCheck: { reachable: false, ms: 20 },
    });
    expect(a).toMatchObject({ kind: 'partial', headline: 'It may be partial' });
    expect(a.because).toBe('Acme Mail works for most people, but 25 people reported problems in the last hour.');
    expect(a.tryNext).toMatch(/^Check your own connection first/);
    const quiet = answer({
      level: 'operational',
      stats: { lastHour: 1 },
      diagnosis: { cause: 'only-some-people' },
      myCheck: { reachable: false, ms: 20 },
    });
    expect(quiet.kind).toBe('just-you');
    expect(quiet.because).toBe('Acme Mail answers for us and for most people.');
  });

  it('says it is not just you during maintenance, with nothing to fix', () => {
    for (const over of [
      { level: 'under_maintenance' as const },
      { level: 'major_outage' as const, diagnosis: { cause: 'maintenance' as const } },
    ]) {
      const a = answer({ ...over, myCheck: { reachable: false, ms: 20 } });
      expect(a).toMatchObject({
        kind: 'not-just-you',
        because: 'Acme Mail is down for scheduled maintenance.',
        yours: 'Your browser could not reach mail.example either.',
      });
    }
  });
});
