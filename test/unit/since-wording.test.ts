import { describe, expect, it } from 'vitest';
import { countBars, leadSentence, spanText, usualLeadSentence } from '../../client/src/lib/since.ts';

describe('since-when wording', () => {
  it.each([
    [840, 'We saw it 14 min before the official page'],
    [-180, 'The official page reported it 3 min before us'],
    [20, 'We and the official page saw it within the same minute'],
    [2 * 3600 + 300, 'We saw it 2 h 5 min before the official page'],
  ])('says a lead of %i s as "%s"', (lead, words) => {
    expect(leadSentence(lead)).toBe(words);
  });

  it('says the usual lead with how many incidents it stands on', () => {
    expect(usualLeadSentence({ medianSeconds: 600, incidents: 3 })).toBe(
      'We usually see trouble 10 min before the official page (median of 3 incidents)',
    );
    expect(usualLeadSentence({ medianSeconds: -240, incidents: 1 })).toBe(
      'The official page usually reports trouble 4 min before us (median of 1 incident)',
    );
  });

  it.each([
    [0, '0 min'],
    [59 * 60_000, '59 min'],
    [3 * 3_600_000, '3 h'],
    [26 * 3_600_000 + 60_000, '1 d 2 h'],
  ])('spans %i ms as "%s"', (ms, words) => {
    expect(spanText(ms)).toBe(words);
  });

  it('fills the steps a sparse series leaves out with zeros', () => {
    const bars = countBars({
      from: 0,
      to: 4 * 3_600_000,
      stepMs: 3_600_000,
      points: [
        { t: 3_600_000, total: 5 },
        { t: 3 * 3_600_000, total: 2 },
      ],
    });
    expect(bars).toEqual({ xs: [0, 3600, 7200, 10800], ys: [0, 5, 0, 2], peak: { t: 3_600_000, count: 5 }, total: 7 });
  });
});
