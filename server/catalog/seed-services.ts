import type { Problem, Service } from '../../shared/index.ts';

// Problem kinds shared by most services; each service adds the features people name.
const login: Problem = { id: 'login', label: 'Login', hint: "Can't sign in or stay signed in" };
const website: Problem = { id: 'website', label: 'Website', hint: "The site or app won't load at all" };
const errors: Problem = { id: 'errors', label: 'Error messages', hint: 'Something went wrong, 500, network error' };
const slow: Problem = { id: 'slow', label: 'Slow or degraded', hint: 'Works, but slowly or only partly' };
const app: Problem = { id: 'app', label: 'Mobile app', hint: 'The phone app fails' };
const api: Problem = { id: 'api', label: 'API', hint: 'Requests from code fail or time out' };
const feature = (id: string, label: string, hint?: string): Problem => ({ id, label, ...(hint ? { hint } : {}) });

/** The built-in catalog: services people depend on, upserted at start without overwriting edits. */
export const seedServices: Service[] = [
  {
    slug: 'chatgpt', name: 'ChatGPT', homepage: 'https://chatgpt.com', category: 'AI',
    problems: [login, website, errors, feature('responses', 'Responses', 'Answers stop, hang or never arrive'), slow, app,
      feature('voice', 'Voice mode'), feature('images', 'Image generation'), feature('uploads', 'File uploads')],
  },
  {
    slug: 'openai-api', name: 'OpenAI API', homepage: 'https://platform.openai.com', category: 'AI',
    problems: [api, errors, slow, feature('rate-limits', 'Rate limits', 'Unexpected 429s'), login, feature('dashboard', 'Dashboard')],
  },
  {
    slug: 'claude', name: 'Claude', homepage: 'https://claude.ai', category: 'AI',
    problems: [login, website, errors, feature('responses', 'Responses', 'Answers stop, hang or never arrive'), slow, app, api],
  },
  {
    slug: 'gemini', name: 'Gemini', homepage: 'https://gemini.google.com', category: 'AI',
    problems: [login, website, errors, feature('responses', 'Responses'), slow, app, api],
  },
  {
    slug: 'github', name: 'GitHub', homepage: 'https://github.com', category: 'Developer tools',
    problems: [website, login, feature('git', 'Git push / pull'), feature('actions', 'Actions'), feature('pull-requests', 'Pull requests'),
      api, feature('pages', 'Pages'), feature('copilot', 'Copilot'), errors],
  },
  {
    slug: 'slack', name: 'Slack', homepage: 'https://slack.com', category: 'Communication',
    problems: [feature('messages', 'Sending messages'), login, feature('connection', 'Connecting', 'Stuck on "connecting…"'),
      feature('huddles', 'Huddles and calls'), feature('files', 'File uploads'), app, feature('notifications', 'Notifications')],
  },
  {
    slug: 'discord', name: 'Discord', homepage: 'https://discord.com', category: 'Communication',
    problems: [feature('connection', 'Connecting'), login, feature('messages', 'Messages'), feature('voice', 'Voice chat'), app, website],
  },
  {
    slug: 'zoom', name: 'Zoom', homepage: 'https://zoom.us', category: 'Communication',
    problems: [feature('join', 'Joining meetings'), feature('audio-video', 'Audio or video'), login, app, website, feature('recording', 'Recording')],
  },
  {
    slug: 'google', name: 'Google Search', homepage: 'https://www.google.com', category: 'Web',
    problems: [feature('search', 'Search'), website, login, slow, errors],
  },
  {
    slug: 'youtube', name: 'YouTube', homepage: 'https://www.youtube.com', category: 'Streaming',
    problems: [feature('video', 'Video playback'), website, app, login, feature('upload', 'Uploading'), feature('comments', 'Comments')],
  },
  {
    slug: 'netflix', name: 'Netflix', homepage: 'https://www.netflix.com', category: 'Streaming',
    problems: [feature('streaming', 'Streaming'), login, app, website, feature('tv', 'TV app')],
  },
  {
    slug: 'aws', name: 'Amazon Web Services', homepage: 'https://aws.amazon.com', category: 'Cloud',
    problems: [feature('console', 'Console'), api, feature('ec2', 'EC2 / compute'), feature('s3', 'S3 / storage'), feature('lambda', 'Lambda'), login, errors],
  },
  {
    slug: 'cloudflare', name: 'Cloudflare', homepage: 'https://www.cloudflare.com', category: 'Cloud',
    problems: [feature('sites', 'Sites behind Cloudflare', '5xx or "bad gateway" pages'), feature('dashboard', 'Dashboard'), feature('dns', 'DNS'),
      api, feature('workers', 'Workers'), login],
  },
  {
    slug: 'microsoft-365', name: 'Microsoft 365', homepage: 'https://www.office.com', category: 'Productivity',
    problems: [feature('outlook', 'Outlook / email'), feature('teams', 'Teams'), login, feature('onedrive', 'OneDrive'), feature('office', 'Word, Excel, PowerPoint'), app],
  },
  {
    slug: 'whatsapp', name: 'WhatsApp', homepage: 'https://www.whatsapp.com', category: 'Communication',
    problems: [feature('messages', 'Sending messages'), feature('connection', 'Connecting'), feature('calls', 'Calls'), feature('media', 'Photos and media'),
      feature('web', 'WhatsApp Web'), login],
  },
  {
    slug: 'instagram', name: 'Instagram', homepage: 'https://www.instagram.com', category: 'Social',
    problems: [feature('feed', 'Feed'), login, app, feature('upload', 'Posting'), feature('messages', 'Direct messages'), website],
  },
];
