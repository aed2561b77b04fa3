import { describe, expect, it } from 'vitest';
import { confidenceWord } from '../../../client/src/lib/diagnosis-words.ts';

describe('confidence in a word', () => {
  it.each([
    [0.95, 'likely'],
    [0.7, 'likely'],
    [0.66, 'probably'],
    [0.45, 'probably'],
    [0.44, 'possibly'],
    [0.05, 'possibly'],
  ] as const)('reads %s as "%s"', (confidence, word) => expect(confidenceWord(confidence)).toBe(word));
});
