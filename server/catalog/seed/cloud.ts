import type { ServiceInput } from '../../../shared/index.ts';
import {
  anyAnswer,
  api,
  dns,
  errors,
  feature,
  feed,
  homepage,
  http,
  kinds,
  login,
  site,
  statuspage,
} from './seed-helpers.ts';

const C = 'Cloud';

export const cloudServices: ServiceInput[] = [
  {
    slug: 'aws',
    name: 'Amazon Web Services',
    homepage: 'https://aws.amazon.com',
    category: C,
    aliases: ['aws', 'amazon cloud', 'ec2', 's3'],
    problems: [
      feature('console', 'Console'),
      api,
      feature('ec2', 'EC2 / compute'),
      feature('s3', 'S3 / storage'),
      feature('lambda', 'Lambda'),
      login,
      errors,
    ],
    probes: [homepage('https://aws.amazon.com/'), dns('aws.amazon.com')],
    official: feed('https://status.aws.amazon.com/rss/all.rss'),
  },
  site('azure', 'Microsoft Azure', 'https://azure.microsoft.com/', C, kinds.cloud, {
    aliases: ['azure', 'microsoft cloud'],
    official: feed('https://azure.status.microsoft/en-us/status/feed/'),
  }),
  site('google-cloud', 'Google Cloud', 'https://cloud.google.com/', C, kinds.cloud, {
    aliases: ['gcp', 'google cloud platform'],
    official: feed('https://status.cloud.google.com/en/feed.atom'),
  }),
  {
    slug: 'cloudflare',
    name: 'Cloudflare',
    homepage: 'https://www.cloudflare.com',
    category: C,
    aliases: ['cf', '1.1.1.1'],
    problems: [
      feature('sites', 'Sites behind Cloudflare', '5xx or "bad gateway" pages'),
      feature('dashboard', 'Dashboard'),
      feature('dns', 'DNS'),
      api,
      feature('workers', 'Workers'),
      login,
    ],
    probes: [
      homepage('https://www.cloudflare.com/', anyAnswer),
      http('edge', 'Edge trace', 'https://www.cloudflare.com/cdn-cgi/trace', { expectText: 'colo=' }),
    ],
    official: statuspage('www.cloudflarestatus.com'),
  },
  site(
    'digitalocean',
    'DigitalOcean',
    'https://www.digitalocean.com/',
    C,
    [
      feature('droplets', 'Droplets'),
      feature('control-panel', 'Control panel'),
      api,
      feature('spaces', 'Spaces storage'),
      feature('networking', 'Networking'),
      login,
    ],
    {
      aliases: ['do'],
      official: statuspage('status.digitalocean.com'),
    },
  ),
  site('linode', 'Akamai Cloud (Linode)', 'https://www.linode.com/', C, kinds.cloud, {
    aliases: ['linode', 'akamai'],
    official: statuspage('status.linode.com'),
  }),
  site('oracle-cloud', 'Oracle Cloud', 'https://www.oracle.com/cloud/', C, kinds.cloud, { aliases: ['oci'] }),
  site('hetzner', 'Hetzner', 'https://www.hetzner.com/', C, kinds.cloud),
  site('ovhcloud', 'OVHcloud', 'https://www.ovhcloud.com/', C, kinds.cloud, { aliases: ['ovh'] }),
  site('fastly', 'Fastly', 'https://www.fastly.com/', C, [
    feature('sites', 'Sites behind Fastly', '503 or "backend fetch failed" pages'),
    feature('dashboard', 'Dashboard'),
    api,
    login,
  ]),
  site(
    'vercel',
    'Vercel',
    'https://vercel.com/',
    C,
    [
      feature('deploys', 'Deployments'),
      feature('sites', 'Hosted sites'),
      feature('dashboard', 'Dashboard'),
      api,
      login,
    ],
    {
      official: statuspage('www.vercel-status.com'),
    },
  ),
  site(
    'netlify',
    'Netlify',
    'https://www.netlify.com/',
    C,
    [
      feature('deploys', 'Deploys and builds'),
      feature('sites', 'Hosted sites'),
      feature('dashboard', 'Dashboard'),
      api,
      login,
    ],
    {
      official: statuspage('www.netlifystatus.com'),
    },
  ),
  site('heroku', 'Heroku', 'https://www.heroku.com/', C, [
    feature('apps', 'Running apps'),
    feature('deploys', 'Deploys'),
    feature('dashboard', 'Dashboard'),
    api,
    login,
  ]),
  site(
    'fly-io',
    'Fly.io',
    'https://fly.io/',
    C,
    [feature('apps', 'Running apps'), feature('deploys', 'Deploys'), feature('dashboard', 'Dashboard'), api, login],
    {
      aliases: ['fly'],
      official: statuspage('status.flyio.net'),
    },
  ),
];
