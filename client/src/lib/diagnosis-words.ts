import type { DiagnosisCause } from '../../../shared/index.ts';

/** A cause in a few words, above its summary (which opens with the same idea in a sentence, with numbers). */
export const causeLabel: Record<DiagnosisCause, string> = {
  'network-dns': 'Cannot be reached (network or DNS)',
  'server-errors': 'Server errors',
  overload: 'Overloaded',
  maintenance: 'Maintenance',
  'cyber-attack': 'Attack or security incident',
  'upstream-provider': 'A provider they rely on',
  'only-some-people': 'Only some people affected',
};

/**
 * Confidence in a word people read without the number: the diagnosis never goes past 95%, and
 * one clear line of evidence alone lands near 65%, so "likely" needs more than one.
 */
export function confidenceWord(confidence: number): 'likely' | 'probably' | 'possibly' {
  if (confidence >= 0.7) return 'likely';
  if (confidence >= 0.45) return 'probably';
  return 'possibly';
}
