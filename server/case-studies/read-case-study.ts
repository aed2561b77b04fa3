import { Types } from 'mongoose';
import type { Incident } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { ProbeStore } from '../probes/probe-store.ts';
import { hoursBetween, readHours, minutesOf } from '../series/series-hours.ts';
import { incidentSpan } from '../series/count-series.ts';
import { historyPoints } from '../probes/probe-history.ts';
import { toStory } from '../stories/story-view.ts';
import { toInsights, type InsightRow } from '../experts/insight-view.ts';
import { diagnosisSteps, toIncident } from '../incidents/incident-view.ts';
import type { CaseStudyRecord } from './build-case-study.ts';
import { incidentCause, longestHeldCause } from './build-reliability.ts';
import { HOUR_MS, MINUTE_MS } from '../../shared/time.ts';

/** Stories and insights come after the fact: those written within a day of the resolution belong to it. */
const WRITTEN_AFTER_MS = 24 * HOUR_MS;
/** People confirm it works again a little after the resolution too. */
const RECOVERIES_AFTER_MS = HOUR_MS;
/** Enough to count every story of even a big incident; the page shows the top few. */
const MAX_ITEMS = 500;

/** Reads what the database recorded about a resolved incident, for buildCaseStudy. */
export async function readCaseStudy(
  deps: { models: Models; catalog: ServiceCatalog; probeStore: ProbeStore },
  incident: Incident,
): Promise<CaseStudyRecord> {
  const { models } = deps;
  const start = Date.parse(incident.startedAt);
  const end = Date.parse(incident.resolvedAt ?? incident.openedAt);
  const span = incidentSpan(start, end);
  const service = deps.catalog.get(incident.service);
  const probes = service?.probes ?? [];
  const written = { $gte: new Date(start), $lte: new Date(end + WRITTEN_AFTER_MS) };
  const ofIncident = {
    service: incident.service,
    status: 'visible' as const,
    $or: [{ incidentId: new Types.ObjectId(incident.id) }, { createdAt: written }],
  };

  const [hourDocs, probeDocs, recoveries, stories, insightDocs, diagnosisDoc] = await Promise.all([
    readHours(models, [incident.service], hoursBetween(span.from, span.to)),
    deps.probeStore.readHistory(
      incident.service,
      probes.map((p) => p.id),
      hoursBetween(span.from, end + HOUR_MS),
    ),
    models.Recovery.find(
      { service: incident.service, createdAt: { $gte: new Date(start), $lte: new Date(end + RECOVERIES_AFTER_MS) } },
      { createdAt: 1 },
    ).lean(),
    models.Story.find(ofIncident).sort({ createdAt: 1 }).limit(MAX_ITEMS).lean(),
    models.Insight.find(ofIncident).sort({ createdAt: 1 }).limit(MAX_ITEMS).lean(),
    models.Incident.findById(incident.id, { diagnoses: 1 }).lean(),
  ]);

  return {
    incident,
    serviceName: service?.name ?? incident.service,
    minutes: hourDocs
      .flatMap(minutesOf)
      .sort((a, b) => a.t - b.t)
      .map((m) => ({ t: m.t, total: m.total })),
    probes: probes.map((p) => ({
      id: p.id,
      name: p.name,
      points: historyPoints(probeDocs.get(p.id) ?? [], span.from, end + HOUR_MS, MINUTE_MS),
    })),
    recoveries: recoveries.map((r) => r.createdAt.getTime()),
    stories: stories.map(toStory),
    insights: await toInsights(models, insightDocs as InsightRow[]),
    diagnoses: diagnosisSteps(diagnosisDoc?.diagnoses),
  };
}

/**
 * A service's resolved incidents that started since `from`, for buildReliability, with the cause
 * each is put down to (the diagnosis that held longest while it was open, where one was recorded).
 */
export async function readResolvedIncidents(
  models: Models,
  service: string,
  from: number,
): Promise<{ incidents: Incident[]; causeOf: (i: Incident) => string }> {
  const docs = await models.Incident.find({ service, state: 'resolved', startedAt: { $gte: new Date(from) } })
    .sort({ startedAt: 1 })
    .limit(5_000)
    .lean();
  const incidents = docs.map(toIncident);
  const diagnosed = new Map(
    docs.map((d, i) => [incidents[i]!.id, longestHeldCause(diagnosisSteps(d.diagnoses), d.resolvedAt?.getTime() ?? 0)]),
  );
  return { incidents, causeOf: (i) => incidentCause(i, diagnosed.get(i.id)) };
}
