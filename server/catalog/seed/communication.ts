import type { ServiceInput } from '../../../shared/index.ts';
import { anyAnswer, app, dns, feature, homepage, http, kinds, login, site, statuspage, website } from './seed-helpers.ts';

const C = 'Communication';

export const communicationServices: ServiceInput[] = [
  {
    slug: 'slack', name: 'Slack', homepage: 'https://slack.com', category: C,
    problems: [feature('messages', 'Sending messages'), login, feature('connection', 'Connecting', 'Stuck on "connecting…"'),
      feature('huddles', 'Huddles and calls'), feature('files', 'File uploads'), app, feature('notifications', 'Notifications')],
    probes: [homepage('https://slack.com/'), http('api', 'Web API (api.test)', 'https://slack.com/api/api.test', { expectText: '"ok":true' }), dns('slack.com')],
  },
  {
    slug: 'discord', name: 'Discord', homepage: 'https://discord.com', category: C,
    problems: [feature('connection', 'Connecting'), login, feature('messages', 'Messages'), feature('voice', 'Voice chat'), app, website],
    probes: [homepage('https://discord.com/', anyAnswer), http('gateway', 'Gateway lookup', 'https://discord.com/api/v10/gateway', { expectText: 'gateway' })],
    official: statuspage('discordstatus.com'),
  },
  {
    slug: 'zoom', name: 'Zoom', homepage: 'https://zoom.us', category: C,
    problems: [feature('join', 'Joining meetings'), feature('audio-video', 'Audio or video'), login, app, website, feature('recording', 'Recording')],
    probes: [homepage('https://zoom.us/', anyAnswer), dns('zoom.us')],
    official: statuspage('status.zoom.us'),
  },
  {
    slug: 'whatsapp', name: 'WhatsApp', homepage: 'https://www.whatsapp.com', category: C, aliases: ['whats app', 'wa'],
    problems: [feature('messages', 'Sending messages'), feature('connection', 'Connecting'), feature('calls', 'Calls'), feature('media', 'Photos and media'),
      feature('web', 'WhatsApp Web'), login],
    probes: [homepage('https://www.whatsapp.com/', anyAnswer), dns('www.whatsapp.com')],
  },
  site('microsoft-teams', 'Microsoft Teams', 'https://teams.microsoft.com/', C, [feature('messages', 'Chat'), feature('meetings', 'Joining meetings'), feature('audio-video', 'Audio or video'), login, app, feature('files', 'Files')], { aliases: ['teams', 'ms teams'] }),
  site('google-meet', 'Google Meet', 'https://meet.google.com/', C, [feature('join', 'Joining meetings'), feature('audio-video', 'Audio or video'), feature('screen-share', 'Screen sharing'), login, app], { aliases: ['meet', 'hangouts'] }),
  site('telegram', 'Telegram', 'https://telegram.org/', C, kinds.chat),
  site('signal', 'Signal', 'https://signal.org/', C, kinds.chat),
  site('messenger', 'Facebook Messenger', 'https://www.messenger.com/', C, kinds.chat, { aliases: ['fb messenger'] }),
  site('skype', 'Skype', 'https://www.skype.com/', C, kinds.chat),
  site('webex', 'Webex', 'https://www.webex.com/', C, [feature('join', 'Joining meetings'), feature('audio-video', 'Audio or video'), login, app, feature('messages', 'Messaging')], { aliases: ['cisco webex'] }),
];
