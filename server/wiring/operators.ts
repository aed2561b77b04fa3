import { AdminUsers } from '../admin/admin-users.ts';
import { AdminSessions } from '../admin/admin-sessions.ts';
import { requireAdmin } from '../admin/require-admin.ts';
import { RateLimiter } from '../limits/rate-limiter.ts';
import { Audit } from '../moderation/audit.ts';
import { createVotes } from '../moderation/votes.ts';
import type { ServiceChanges } from '../live/service-changes.ts';
import { clientIdentity } from '../http/client-identity.ts';
import { createExperts } from '../experts/experts.ts';
import type { State } from './state.ts';
import type { StartOptions } from './running-server.ts';

/** Operators and verified experts with their sessions, the audit log, readers' votes, and per-person rate limits. */
export async function operators(state: State, opts: StartOptions, changed: ServiceChanges) {
  const { config, log, models, clock } = state;
  const users = opts.adminUsers ?? (await AdminUsers.fromConfig(config.adminUsers, log, config.dataDir));
  const sessions = new AdminSessions(models, clock, config.adminSessionMs, (name) => users.has(name));
  const votes = createVotes({
    models,
    clock,
    onHeld: (type, service, id) =>
      type === 'comment' ? changed.commentVisibility(service, id, false) : changed.stories(service),
  });
  const limiter = new RateLimiter(models, clock);
  const admin = requireAdmin(sessions);
  const audit = new Audit(models, clock);
  const experts = createExperts({
    ...state,
    incidentStore: state.memory.incidentStore,
    audit,
    limiter,
    admin,
    clientOf: clientIdentity(state.salt),
    publicUrl: config.publicUrl,
    secureCookies: config.secureCookies,
  });
  return { users, sessions, admin, audit, votes, limiter, experts };
}
