import type { DiagnosisCause } from '../../../shared/index.ts';

/** A cause as a heading says it; the summary beside it gives the numbers. */
export const causeLabel: Record<DiagnosisCause, string> = {
  'network-dns': 'Their servers cannot be reached',
  'server-errors': 'Their servers are answering with errors',
  overload: 'More demand than they can serve',
  maintenance: 'Maintenance',
  'cyber-attack': 'An attack or security incident',
  'upstream-provider': 'A provider they rely on',
  'only-some-people': 'It works for most people',
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
