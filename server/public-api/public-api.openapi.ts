import { z } from 'zod';
import {
  ShieldsEndpoint,
  StatuspageComponentsResponse,
  StatuspageIncidentsResponse,
  StatuspageMaintenancesResponse,
  StatuspageStatusResponse,
  StatuspageSummary,
} from '../../shared/index.ts';
import { errors, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';
import type { StatuspagePath } from './statuspage-documents.ts';
import type { FeedFormat } from './incident-feeds.ts';

const slug = z.object(SlugParam);
const CORS = "Open to every origin (`Access-Control-Allow-Origin: *`), as Statuspage's own API is.";

/** Keyed by the path under /api/v2/, so a document the server adds is a type error here until it is listed. */
const STATUSPAGE: Record<StatuspagePath, { operationId: string; summary: string; schema: z.ZodType }> = {
  'summary.json': {
    operationId: 'statuspageSummary',
    summary: 'Every service, unresolved incidents and current maintenance (Statuspage v2)',
    schema: StatuspageSummary,
  },
  'status.json': {
    operationId: 'statuspageStatus',
    summary: 'The roll-up indicator of the whole site (Statuspage v2)',
    schema: StatuspageStatusResponse,
  },
  'components.json': {
    operationId: 'statuspageComponents',
    summary: 'Every service as a component (Statuspage v2)',
    schema: StatuspageComponentsResponse,
  },
  'incidents.json': {
    operationId: 'statuspageIncidents',
    summary: 'Recent incidents, open and resolved (Statuspage v2)',
    schema: StatuspageIncidentsResponse,
  },
  'incidents/unresolved.json': {
    operationId: 'statuspageUnresolvedIncidents',
    summary: 'Open incidents (Statuspage v2)',
    schema: StatuspageIncidentsResponse,
  },
  'scheduled-maintenances.json': {
    operationId: 'statuspageMaintenances',
    summary: 'Recent, current and upcoming maintenance (Statuspage v2)',
    schema: StatuspageMaintenancesResponse,
  },
  'scheduled-maintenances/upcoming.json': {
    operationId: 'statuspageUpcomingMaintenances',
    summary: 'Upcoming maintenance (Statuspage v2)',
    schema: StatuspageMaintenancesResponse,
  },
  'scheduled-maintenances/active.json': {
    operationId: 'statuspageActiveMaintenances',
    summary: 'Maintenance in progress (Statuspage v2)',
    schema: StatuspageMaintenancesResponse,
  },
};

const FEEDS: Record<FeedFormat, { name: string; contentType: string }> = {
  atom: { name: 'Atom', contentType: 'application/atom+xml' },
  rss: { name: 'RSS 2.0', contentType: 'application/rss+xml' },
  json: { name: 'JSON Feed 1.1', contentType: 'application/feed+json' },
};
const SVG = 'image/svg+xml';
const upper = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export const publicApi: ApiOperation[] = [
  ...Object.entries(STATUSPAGE).map(([doc, { operationId, summary, schema }]): ApiOperation => ({
    method: 'get',
    path: `/api/v2/${doc}`,
    operationId,
    summary,
    description:
      `Atlassian Statuspage's public API v2, so status widgets, chat bots and monitoring tools read our ` +
      `verdicts as they read a status page. ${CORS} Cached 5 s; an unchanged answer is a 304.`,
    tag: 'Integrations',
    responses: { 200: { description: 'The document.', schema } },
  })),
  ...Object.entries(FEEDS).flatMap(([format, { name, contentType }]): ApiOperation[] => [
    {
      method: 'get',
      path: `/feeds/incidents.${format}`,
      operationId: `incidentsFeed${upper(format)}`,
      summary: `Recent incidents of every service (${name})`,
      tag: 'Integrations',
      responses: { 200: { description: `An ${name} feed.`, schema: z.string(), contentType } },
    },
    {
      method: 'get',
      path: `/feeds/services/:slug.${format}`,
      operationId: `serviceIncidentsFeed${upper(format)}`,
      summary: `A service's recent incidents (${name})`,
      tag: 'Integrations',
      params: slug,
      responses: { 200: { description: `An ${name} feed.`, schema: z.string(), contentType }, ...errors(404) },
    },
  ]),
  {
    method: 'get',
    path: '/badge/:slug.svg',
    operationId: 'statusBadge',
    summary: "A badge of a service's status (SVG)",
    description: `For a README or a page: \`![status](…/badge/github.svg)\`. ${CORS}`,
    tag: 'Integrations',
    params: slug,
    responses: {
      200: {
        description: 'A flat badge: the service and its status in words and colour.',
        schema: z.string(),
        contentType: SVG,
      },
      404: {
        description: 'A grey "unknown service" badge, so the page with the broken link shows why.',
        schema: z.string(),
        contentType: SVG,
      },
    },
  },
  {
    method: 'get',
    path: '/badge/:slug.json',
    operationId: 'statusBadgeEndpoint',
    summary: "A service's status for shields.io's endpoint badge",
    description:
      '`https://img.shields.io/endpoint?url=…/badge/github.json` ' + `draws it in any shields.io style. ${CORS}`,
    tag: 'Integrations',
    params: slug,
    responses: { 200: { description: "shields.io's endpoint schema.", schema: ShieldsEndpoint }, ...errors(404) },
  },
];
