import type { ServiceSummary } from '../../../shared/index.ts';
import { api } from './api.ts';

/** Every service, sorted by name: what operators pick from in the admin forms. */
export const servicesByName = async (): Promise<ServiceSummary[]> =>
  (await api.services()).sort((a, b) => a.name.localeCompare(b.name));
