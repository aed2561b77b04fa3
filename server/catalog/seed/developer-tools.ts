import type { ServiceInput } from '../../../shared/index.ts';
import {
  api,
  app,
  dns,
  errors,
  feature,
  homepage,
  http,
  kinds,
  login,
  site,
  slow,
  statuspage,
  website,
} from './seed-helpers.ts';

const C = 'Developer tools';
const git = feature('git', 'Git push / pull');

export const developerServices: ServiceInput[] = [
  {
    slug: 'github',
    name: 'GitHub',
    homepage: 'https://github.com',
    category: C,
    aliases: ['gh', 'git hub'],
    problems: [
      website,
      login,
      git,
      feature('actions', 'Actions'),
      feature('pull-requests', 'Pull requests'),
      api,
      feature('pages', 'Pages'),
      feature('copilot', 'Copilot'),
      errors,
    ],
    probes: [
      homepage('https://github.com/'),
      http('api', 'REST API', 'https://api.github.com/', { expectText: 'current_user_url' }),
      dns('github.com'),
    ],
    official: statuspage('www.githubstatus.com'),
  },
  site('gitlab', 'GitLab', 'https://gitlab.com/', C, [
    website,
    login,
    git,
    feature('pipelines', 'CI/CD pipelines'),
    feature('merge-requests', 'Merge requests'),
    api,
  ]),
  site(
    'bitbucket',
    'Bitbucket',
    'https://bitbucket.org/',
    C,
    [website, login, git, feature('pipelines', 'Pipelines'), feature('pull-requests', 'Pull requests'), api],
    {
      official: statuspage('bitbucket.status.atlassian.com'),
    },
  ),
  site(
    'jira',
    'Jira',
    'https://www.atlassian.com/software/jira',
    C,
    [website, login, feature('boards', 'Boards and issues'), slow, api, app],
    {
      aliases: ['atlassian', 'jira software'],
      official: statuspage('jira-software.status.atlassian.com'),
    },
  ),
  site(
    'confluence',
    'Confluence',
    'https://www.atlassian.com/software/confluence',
    C,
    [website, login, feature('editing', 'Editing pages'), feature('search', 'Search'), slow, api],
    {
      aliases: ['atlassian wiki'],
      official: statuspage('confluence.status.atlassian.com'),
    },
  ),
  site(
    'npm',
    'npm',
    'https://www.npmjs.com/',
    C,
    [feature('install', 'Installing packages'), feature('publish', 'Publishing'), website, login, slow],
    {
      aliases: ['npmjs', 'node packages'],
      official: statuspage('status.npmjs.org'),
      probes: [http('registry', 'Registry', 'https://registry.npmjs.org/', { expectStatus: { min: 200, max: 299 } })],
    },
  ),
  site(
    'pypi',
    'PyPI',
    'https://pypi.org/',
    C,
    [feature('install', 'pip install'), feature('publish', 'Uploading releases'), website, login, slow],
    {
      aliases: ['pip', 'python packages'],
      official: statuspage('status.python.org'),
    },
  ),
  site(
    'docker-hub',
    'Docker Hub',
    'https://hub.docker.com/',
    C,
    [feature('pull', 'Pulling images'), feature('push', 'Pushing images'), website, login, feature('builds', 'Builds')],
    {
      aliases: ['docker'],
      official: statuspage('www.dockerstatus.com'),
    },
  ),
  site(
    'circleci',
    'CircleCI',
    'https://circleci.com/',
    C,
    [feature('builds', 'Builds not starting or failing'), website, login, api, slow],
    {
      official: statuspage('status.circleci.com'),
    },
  ),
  site(
    'sentry',
    'Sentry',
    'https://sentry.io/',
    C,
    [feature('ingestion', 'Events not arriving'), website, login, feature('alerts', 'Alerts'), api],
    {
      official: statuspage('status.sentry.io'),
    },
  ),
  site(
    'datadog',
    'Datadog',
    'https://www.datadoghq.com/',
    C,
    [
      feature('dashboards', 'Dashboards'),
      feature('ingestion', 'Metrics and logs arriving late'),
      feature('monitors', 'Monitors and alerts'),
      login,
      api,
    ],
    {
      official: statuspage('status.datadoghq.com'),
    },
  ),
  site(
    'twilio',
    'Twilio',
    'https://www.twilio.com/',
    C,
    [feature('sms', 'SMS'), feature('voice', 'Voice calls'), api, feature('console', 'Console'), login, errors],
    {
      official: statuspage('status.twilio.com'),
    },
  ),
  site(
    'sendgrid',
    'SendGrid',
    'https://sendgrid.com/',
    C,
    [feature('delivery', 'Email delivery'), api, website, login, slow],
    {
      official: statuspage('status.sendgrid.com'),
    },
  ),
  site(
    'supabase',
    'Supabase',
    'https://supabase.com/',
    C,
    [
      feature('database', 'Database'),
      feature('auth', 'Auth'),
      feature('dashboard', 'Dashboard'),
      api,
      feature('storage', 'Storage'),
    ],
    {
      official: statuspage('status.supabase.com'),
    },
  ),
  site(
    'mongodb-atlas',
    'MongoDB Atlas',
    'https://www.mongodb.com/atlas',
    C,
    [feature('clusters', 'Clusters'), feature('console', 'Console'), login, api, slow],
    {
      aliases: ['atlas', 'mongodb'],
      official: statuspage('status.cloud.mongodb.com'),
    },
  ),
  site(
    'stack-overflow',
    'Stack Overflow',
    'https://stackoverflow.com/',
    C,
    [website, login, feature('search', 'Search'), feature('posting', 'Asking and answering'), slow],
    { aliases: ['so', 'stackoverflow'] },
  ),
  site('postman', 'Postman', 'https://www.postman.com/', C, kinds.dev),
];
