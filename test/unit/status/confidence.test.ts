import { describe, expect, it } from 'vitest';
import { verdictConfidence, type ConfidenceInput } from '../../../server/status/confidence.ts';
import { fuse, type CrowdSignal, type FuseInput, type ProbeSignal } from '../../../server/status/fuse.ts';

const strongCrowd: ConfidenceInput['crowd'] = { state: 'incident', pValue: 1e-20, ratio: 12, networks: 40, needed: 5 };
const none = { counted: 0, hard: 0, soft: 0 };
const c = (over: Partial<ConfidenceInput>): number =>
  verdictConfidence({ level: 'major_outage', crowd: strongCrowd, probes: none, official: 'silent', ...over });

describe('verdict confidence', () => {
  it('orders outages by how strongly and how independently the signals agree', () => {
    const allAgree = c({ probes: { counted: 2, hard: 2, soft: 0 }, official: 'agrees' });
    const crowdAndProbes = c({ probes: { counted: 2, hard: 2, soft: 0 } });
    const crowdAlone = c({});
    const fewNetworks = c({ crowd: { ...strongCrowd, networks: 5 } });
    const weakCrowd = c({ crowd: { state: 'incident', pValue: 1e-5, ratio: 2.5, networks: 40, needed: 5 } });
    const probesDisagree = c({ probes: { counted: 2, hard: 0, soft: 0 } });
    expect(allAgree).toBeGreaterThan(crowdAndProbes);
    expect(crowdAndProbes).toBeGreaterThan(crowdAlone);
    expect(crowdAlone).toBeGreaterThan(fewNetworks);
    expect(crowdAlone).toBeGreaterThan(weakCrowd);
    expect(crowdAlone).toBeGreaterThan(probesDisagree);
    expect(allAgree).toBeLessThanOrEqual(0.95);
  });

  it('trusts a recovering incident less than one in full swing', () => {
    expect(c({ crowd: { ...strongCrowd, recovering: true } })).toBeLessThan(c({}));
  });

  it(
    'is confident of "no problems" when probes pass and the official page agrees, ' + 'less so on quiet reports alone',
    () => {
      const quiet: ConfidenceInput['crowd'] = { state: 'normal' };
      const everything = verdictConfidence({
        level: 'operational',
        crowd: quiet,
        probes: { counted: 2, hard: 0, soft: 0 },
        official: 'agrees',
      });
      const quietOnly = verdictConfidence({ level: 'operational', crowd: quiet, probes: none, official: 'silent' });
      expect(everything).toBeGreaterThanOrEqual(0.85);
      expect(quietOnly).toBeLessThan(everything);
      expect(quietOnly).toBeGreaterThan(0.5);
    },
  );

  it('no longer reads the same for a crowd-only major outage and for no problems at all (both were 50%)', () => {
    const formatTime = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const base = {
      probes: [] as ProbeSignal[],
      vantageDown: false,
      maintenance: [],
      now: 0,
      formatTime,
    } satisfies Omit<FuseInput, 'crowd'>;
    const spike: CrowdSignal = {
      state: 'incident',
      observed: 40,
      expected: 2,
      windowMinutes: 2,
      since: 0,
      kind: 'unplanned',
      pValue: 1e-9,
      ratio: 20,
      reach: { networks: 40, needed: 5 },
    };
    const pass = (name: string): ProbeSignal => ({ name, ok: true });
    const outage = fuse({ ...base, crowd: spike });
    const fine = fuse({
      ...base,
      crowd: { state: 'normal', observed: 2, expected: 2, windowMinutes: 10 },
      probes: [pass('web'), pass('api')],
    });
    expect(outage.level).toBe('major_outage');
    expect(fine.level).toBe('operational');
    expect(outage.confidence).not.toBe(0.5);
    expect(fine.confidence).toBeGreaterThan(outage.confidence);
  });
});
