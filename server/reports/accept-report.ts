import { ReportRequest } from '../../shared/index.ts';
import { AppError, tooManyRequests } from '../errors.ts';
import { serviceIn } from '../services/service-param.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { ReportIntake } from './report-intake.ts';
import type { StoreOutcome } from './report-writer.ts';
import type { Clock } from '../clock.ts';
import type { ClientKeys } from '../http/client-identity.ts';
import type { FloodGuard } from '../limits/flood-guard.ts';
import type { PlaceLookup } from '../regions/place-lookup.ts';

/**
 * "I'm having problems", from a parsed body to "counted" or "not counted": validated against
 * the service, past the flood guard, through the group-commit queue. Throws the AppError (or
 * ZodError) that says why not. Both report entrances call it: the fast path and Express.
 */
export function createReportAcceptor(deps: {
  catalog: ServiceCatalog;
  intake: ReportIntake;
  clock: Clock;
  flood: FloodGuard;
  locate?: PlaceLookup;
}) {
  /** `address`: the raw client address, only to look up its place here; it goes no further. */
  return async function accept(
    slug: string,
    raw: unknown,
    client: ClientKeys,
    address?: string,
  ): Promise<StoreOutcome> {
    const service = serviceIn(deps.catalog, slug);
    const body = ReportRequest.parse(raw);
    if (!service.problems.some((p) => p.id === body.problem)) {
      const known = service.problems.map((p) => p.id).join(', ');
      throw new AppError(400, 'invalid_request', 'Some fields are missing or not valid.', {
        problem: [`"${body.problem}" is not a problem kind of ${service.name}; pick one of: ${known}`],
      });
    }
    const allowed = deps.flood.take(client.address, deps.clock.now());
    if (!allowed.ok) throw tooManyRequests('Too many reports from here in a short time.', allowed.retryAfterSeconds);
    const place = address && deps.locate ? deps.locate(address) : undefined;
    return deps.intake.submit({
      service: service.slug,
      problem: body.problem,
      ...(body.comment ? { comment: body.comment } : {}),
      clientHash: client.person,
      addressHash: client.address,
      network: client.network,
      ...(body.browserCheck ? { browserCheck: { ...body.browserCheck, ms: Math.round(body.browserCheck.ms) } } : {}),
      ...(place ? { place } : {}),
    });
  };
}

export type ReportAcceptor = ReturnType<typeof createReportAcceptor>;
