import { describe, expect, it } from 'vitest';
import { diagnosisMoved } from '../../../server/incidents/diagnosis-recorder.ts';
import type { Diagnosis } from '../../../shared/index.ts';

const d = (cause: Diagnosis['cause'], confidence: number): Diagnosis => ({
  cause,
  confidence,
  summary: '',
  evidence: [],
});

describe('what makes a new line in an incident diagnosis history', () => {
  it('records the first diagnosis and every change of cause', () => {
    expect(diagnosisMoved(undefined, d('server-errors', 0.6))).toBe(true);
    expect(diagnosisMoved({ cause: 'server-errors', confidence: 0.6 }, d('overload', 0.6))).toBe(true);
  });

  it('ignores small moves of certainty, records a clear one', () => {
    expect(diagnosisMoved({ cause: 'server-errors', confidence: 0.6 }, d('server-errors', 0.7))).toBe(false);
    expect(diagnosisMoved({ cause: 'server-errors', confidence: 0.5 }, d('server-errors', 0.75))).toBe(true);
  });
});
