import type { ServiceInput } from '../../../shared/index.ts';
import { anyAnswer, app, dns, feature, homepage, kinds, login, site, statuspage } from './seed-helpers.ts';

const C = 'Productivity';

export const productivityServices: ServiceInput[] = [
  {
    slug: 'microsoft-365',
    name: 'Microsoft 365',
    homepage: 'https://www.office.com',
    category: C,
    aliases: ['office 365', 'o365', 'office', 'outlook 365'],
    problems: [
      feature('outlook', 'Outlook / email'),
      feature('teams', 'Teams'),
      login,
      feature('onedrive', 'OneDrive'),
      feature('office', 'Word, Excel, PowerPoint'),
      app,
    ],
    probes: [homepage('https://www.office.com/', anyAnswer), dns('www.office.com')],
  },
  site(
    'google-workspace',
    'Google Workspace',
    'https://workspace.google.com/',
    C,
    [feature('docs', 'Docs, Sheets, Slides'), feature('drive', 'Drive'), feature('calendar', 'Calendar'), login, app],
    { aliases: ['g suite', 'google docs', 'google drive'] },
  ),
  site('dropbox', 'Dropbox', 'https://www.dropbox.com/', C, kinds.files, {
    official: statuspage('status.dropbox.com'),
  }),
  site('box', 'Box', 'https://www.box.com/', C, kinds.files, { official: statuspage('status.box.com') }),
  site('onedrive', 'OneDrive', 'https://onedrive.live.com/', C, kinds.files, { aliases: ['skydrive'] }),
  site('notion', 'Notion', 'https://www.notion.so/', C, kinds.work),
  site('trello', 'Trello', 'https://trello.com/', C, kinds.work, {
    official: statuspage('trello.status.atlassian.com'),
  }),
  site('asana', 'Asana', 'https://asana.com/', C, kinds.work),
  site('figma', 'Figma', 'https://www.figma.com/', C, kinds.work, { official: statuspage('status.figma.com') }),
  site('canva', 'Canva', 'https://www.canva.com/', C, kinds.work, { official: statuspage('www.canvastatus.com') }),
  site('miro', 'Miro', 'https://miro.com/', C, kinds.work),
  site('evernote', 'Evernote', 'https://evernote.com/', C, kinds.work),
  site('airtable', 'Airtable', 'https://www.airtable.com/', C, kinds.work),
  site('docusign', 'DocuSign', 'https://www.docusign.com/', C, [
    feature('signing', 'Signing documents'),
    feature('sending', 'Sending envelopes'),
    login,
    app,
    feature('emails', 'Notification emails'),
  ]),
  site('hubspot', 'HubSpot', 'https://www.hubspot.com/', C, kinds.work, { official: statuspage('status.hubspot.com') }),
];
