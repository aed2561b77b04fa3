import type { CaseStudy, ReliabilityHistory } from '../../../shared/index.ts';
import { request } from './api.ts';

/** The case study of a resolved incident (409 while it is open) and a service's last 12 months. */
export const caseStudyApi = {
  caseStudy: (id: string) => request<CaseStudy>(`/api/incidents/${encodeURIComponent(id)}/case-study`),
  reliability: (slug: string) => request<ReliabilityHistory>(`/api/services/${encodeURIComponent(slug)}/reliability`),
};
