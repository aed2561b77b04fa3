import { describe, expect, it } from 'vitest';
import { unclearCause } from '../../../client/src/lib/unclear-cause.ts';
import type { Diagnosis, ServiceDetail } from '../../../shared/index.ts';

type Seen = Parameters<typeof unclearCause>[0];
const seen = (over: Partial<Seen> = {}): Seen => ({
  status: { level: 'partial_outage', confidence: 0.7, reasons: [], since: null } as unknown as ServiceDetail['status'],
  diagnosis: null,
  vantage: { down: false },
  probes: [],
  official: null,
  ...over,
});

describe('why the page names no cause yet', () => {
  it('says nothing while all is well, during maintenance, or with a diagnosis', () => {
    expect(unclearCause(seen({ status: { ...seen().status, level: 'operational' } }))).toBeNull();
    expect(unclearCause(seen({ status: { ...seen().status, level: 'under_maintenance' } }))).toBeNull();
    const diagnosis: Diagnosis = { cause: 'overload', confidence: 0.5, summary: '', evidence: [] };
    expect(unclearCause(seen({ diagnosis }))).toBeNull();
  });

  it('says what is missing when reports alone show trouble', () => {
    expect(unclearCause(seen({ vantage: { down: true } }))).toBe(
      "The reports show that something is wrong, but not yet why: our probes can't reach the internet from here " +
        'right now, and its official status page has not been read. We name a cause once the evidence points to one.',
    );
    expect(unclearCause(seen())).toMatch(
      /: we have no probes for it, and its official status page has not been read\./,
    );
  });
});
