import type { OfficialSource, Problem, ProbeDefinitionInput, ServiceInput } from '../../shared/index.ts';

// Problem kinds shared by most services; each service adds the features people name.
const login: Problem = { id: 'login', label: 'Login', hint: "Can't sign in or stay signed in" };
const website: Problem = { id: 'website', label: 'Website', hint: "The site or app won't load at all" };
const errors: Problem = { id: 'errors', label: 'Error messages', hint: 'Something went wrong, 500, network error' };
const slow: Problem = { id: 'slow', label: 'Slow or degraded', hint: 'Works, but slowly or only partly' };
const app: Problem = { id: 'app', label: 'Mobile app', hint: 'The phone app fails' };
const api: Problem = { id: 'api', label: 'API', hint: 'Requests from code fail or time out' };
const feature = (id: string, label: string, hint?: string): Problem => ({ id, label, ...(hint ? { hint } : {}) });

/**
 * Probes: an HTTPS GET of the homepage every minute, plus an API endpoint where one answers
 * without credentials. Sites behind a bot wall answer a script with 403 even when all is well,
 * so for them any answer below 500 counts: what matters is that the edge answers at all and
 * does not fail with 5xx. Redirects are not followed (a 301 is an answer).
 */
const http = (id: string, name: string, url: string, more: Partial<Extract<ProbeDefinitionInput, { kind: 'http' }>> = {}): ProbeDefinitionInput => ({
  kind: 'http', id, name, url, intervalSeconds: 60, timeoutMs: 10_000, ...more,
});
const homepage = (url: string, more: Partial<Extract<ProbeDefinitionInput, { kind: 'http' }>> = {}) => http('homepage', 'Homepage', url, more);
const anyAnswer = { expectStatus: { min: 200, max: 499 } };
/** Only pages known to be Atlassian Statuspage sites, read through their v2 summary. */
const statuspage = (host: string): OfficialSource => ({ kind: 'statuspage', url: `https://${host}/api/v2/summary.json` });

/** The built-in catalog: services people depend on, upserted at start without overwriting edits. */
export const seedServices: ServiceInput[] = [
  {
    slug: 'chatgpt', name: 'ChatGPT', homepage: 'https://chatgpt.com', category: 'AI',
    problems: [login, website, errors, feature('responses', 'Responses', 'Answers stop, hang or never arrive'), slow, app,
      feature('voice', 'Voice mode'), feature('images', 'Image generation'), feature('uploads', 'File uploads')],
    probes: [homepage('https://chatgpt.com/', anyAnswer)],
  },
  {
    slug: 'openai-api', name: 'OpenAI API', homepage: 'https://platform.openai.com', category: 'AI',
    problems: [api, errors, slow, feature('rate-limits', 'Rate limits', 'Unexpected 429s'), login, feature('dashboard', 'Dashboard')],
    probes: [homepage('https://platform.openai.com/', anyAnswer), http('api', 'API (models list, no key: 401 expected)', 'https://api.openai.com/v1/models', anyAnswer)],
  },
  {
    slug: 'claude', name: 'Claude', homepage: 'https://claude.ai', category: 'AI',
    problems: [login, website, errors, feature('responses', 'Responses', 'Answers stop, hang or never arrive'), slow, app, api],
    probes: [homepage('https://claude.ai/', anyAnswer), http('api', 'API (no key: 4xx expected)', 'https://api.anthropic.com/v1/models', anyAnswer)],
    official: statuspage('status.claude.com'),
  },
  {
    slug: 'gemini', name: 'Gemini', homepage: 'https://gemini.google.com', category: 'AI',
    problems: [login, website, errors, feature('responses', 'Responses'), slow, app, api],
    probes: [homepage('https://gemini.google.com/', anyAnswer)],
  },
  {
    slug: 'github', name: 'GitHub', homepage: 'https://github.com', category: 'Developer tools',
    problems: [website, login, feature('git', 'Git push / pull'), feature('actions', 'Actions'), feature('pull-requests', 'Pull requests'),
      api, feature('pages', 'Pages'), feature('copilot', 'Copilot'), errors],
    probes: [homepage('https://github.com/'), http('api', 'REST API', 'https://api.github.com/', { expectText: 'current_user_url' })],
    official: statuspage('www.githubstatus.com'),
  },
  {
    slug: 'slack', name: 'Slack', homepage: 'https://slack.com', category: 'Communication',
    problems: [feature('messages', 'Sending messages'), login, feature('connection', 'Connecting', 'Stuck on "connecting…"'),
      feature('huddles', 'Huddles and calls'), feature('files', 'File uploads'), app, feature('notifications', 'Notifications')],
    probes: [homepage('https://slack.com/'), http('api', 'Web API (api.test)', 'https://slack.com/api/api.test', { expectText: '"ok":true' })],
  },
  {
    slug: 'discord', name: 'Discord', homepage: 'https://discord.com', category: 'Communication',
    problems: [feature('connection', 'Connecting'), login, feature('messages', 'Messages'), feature('voice', 'Voice chat'), app, website],
    probes: [homepage('https://discord.com/', anyAnswer), http('gateway', 'Gateway lookup', 'https://discord.com/api/v10/gateway', { expectText: 'gateway' })],
    official: statuspage('discordstatus.com'),
  },
  {
    slug: 'zoom', name: 'Zoom', homepage: 'https://zoom.us', category: 'Communication',
    problems: [feature('join', 'Joining meetings'), feature('audio-video', 'Audio or video'), login, app, website, feature('recording', 'Recording')],
    probes: [homepage('https://zoom.us/', anyAnswer)],
    official: statuspage('status.zoom.us'),
  },
  {
    slug: 'google', name: 'Google Search', homepage: 'https://www.google.com', category: 'Web',
    problems: [feature('search', 'Search'), website, login, slow, errors],
    probes: [homepage('https://www.google.com/')],
  },
  {
    slug: 'youtube', name: 'YouTube', homepage: 'https://www.youtube.com', category: 'Streaming',
    problems: [feature('video', 'Video playback'), website, app, login, feature('upload', 'Uploading'), feature('comments', 'Comments')],
    probes: [homepage('https://www.youtube.com/')],
  },
  {
    slug: 'netflix', name: 'Netflix', homepage: 'https://www.netflix.com', category: 'Streaming',
    problems: [feature('streaming', 'Streaming'), login, app, website, feature('tv', 'TV app')],
    probes: [homepage('https://www.netflix.com/', anyAnswer)],
  },
  {
    slug: 'aws', name: 'Amazon Web Services', homepage: 'https://aws.amazon.com', category: 'Cloud',
    problems: [feature('console', 'Console'), api, feature('ec2', 'EC2 / compute'), feature('s3', 'S3 / storage'), feature('lambda', 'Lambda'), login, errors],
    probes: [homepage('https://aws.amazon.com/')],
  },
  {
    slug: 'cloudflare', name: 'Cloudflare', homepage: 'https://www.cloudflare.com', category: 'Cloud',
    problems: [feature('sites', 'Sites behind Cloudflare', '5xx or "bad gateway" pages'), feature('dashboard', 'Dashboard'), feature('dns', 'DNS'),
      api, feature('workers', 'Workers'), login],
    probes: [homepage('https://www.cloudflare.com/', anyAnswer), http('edge', 'Edge trace', 'https://www.cloudflare.com/cdn-cgi/trace', { expectText: 'colo=' })],
    official: statuspage('www.cloudflarestatus.com'),
  },
  {
    slug: 'microsoft-365', name: 'Microsoft 365', homepage: 'https://www.office.com', category: 'Productivity',
    problems: [feature('outlook', 'Outlook / email'), feature('teams', 'Teams'), login, feature('onedrive', 'OneDrive'), feature('office', 'Word, Excel, PowerPoint'), app],
    probes: [homepage('https://www.office.com/', anyAnswer)],
  },
  {
    slug: 'whatsapp', name: 'WhatsApp', homepage: 'https://www.whatsapp.com', category: 'Communication',
    problems: [feature('messages', 'Sending messages'), feature('connection', 'Connecting'), feature('calls', 'Calls'), feature('media', 'Photos and media'),
      feature('web', 'WhatsApp Web'), login],
    probes: [homepage('https://www.whatsapp.com/', anyAnswer)],
  },
  {
    slug: 'instagram', name: 'Instagram', homepage: 'https://www.instagram.com', category: 'Social',
    problems: [feature('feed', 'Feed'), login, app, feature('upload', 'Posting'), feature('messages', 'Direct messages'), website],
    probes: [homepage('https://www.instagram.com/', anyAnswer)],
  },
];
