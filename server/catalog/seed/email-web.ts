import type { ServiceInput } from '../../../shared/index.ts';
import { dns, errors, feature, homepage, kinds, login, site, slow, website } from './seed-helpers.ts';

const C = 'Email & web';

export const emailWebServices: ServiceInput[] = [
  {
    slug: 'google',
    name: 'Google Search',
    homepage: 'https://www.google.com',
    category: C,
    aliases: ['google search'],
    problems: [feature('search', 'Search'), website, login, slow, errors],
    probes: [homepage('https://www.google.com/'), dns('www.google.com')],
  },
  site('gmail', 'Gmail', 'https://mail.google.com/', C, kinds.mail, { aliases: ['google mail'] }),
  site('outlook', 'Outlook.com', 'https://outlook.live.com/', C, kinds.mail, { aliases: ['hotmail', 'live mail'] }),
  site('yahoo-mail', 'Yahoo Mail', 'https://mail.yahoo.com/', C, kinds.mail, { aliases: ['yahoo'] }),
  site('proton-mail', 'Proton Mail', 'https://proton.me/mail', C, kinds.mail, { aliases: ['protonmail', 'proton'] }),
  site(
    'icloud',
    'iCloud',
    'https://www.icloud.com/',
    C,
    [
      feature('mail', 'iCloud Mail'),
      feature('sync', 'Photos and Drive sync'),
      login,
      feature('find-my', 'Find My'),
      feature('backup', 'Backup'),
    ],
    { aliases: ['apple id', 'icloud mail'] },
  ),
  site(
    'wikipedia',
    'Wikipedia',
    'https://www.wikipedia.org/',
    C,
    [website, feature('editing', 'Editing'), login, slow, errors],
    { aliases: ['wiki'] },
  ),
  site('bing', 'Bing', 'https://www.bing.com/', C, [feature('search', 'Search'), website, slow, errors]),
  site('duckduckgo', 'DuckDuckGo', 'https://duckduckgo.com/', C, [feature('search', 'Search'), website, slow, errors], {
    aliases: ['ddg'],
  }),
];
