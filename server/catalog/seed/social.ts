import type { ServiceInput } from '../../../shared/index.ts';
import { anyAnswer, app, dns, feature, homepage, kinds, login, site, statuspage, website } from './seed-helpers.ts';

const C = 'Social';

export const socialServices: ServiceInput[] = [
  {
    slug: 'instagram',
    name: 'Instagram',
    homepage: 'https://www.instagram.com',
    category: C,
    aliases: ['ig', 'insta'],
    problems: [
      feature('feed', 'Feed'),
      login,
      app,
      feature('upload', 'Posting'),
      feature('messages', 'Direct messages'),
      website,
    ],
    probes: [homepage('https://www.instagram.com/', anyAnswer), dns('www.instagram.com')],
  },
  site('facebook', 'Facebook', 'https://www.facebook.com/', C, kinds.social, { aliases: ['fb', 'meta'] }),
  site('x', 'X (Twitter)', 'https://x.com/', C, kinds.social, { aliases: ['twitter', 'tweets'] }),
  site('tiktok', 'TikTok', 'https://www.tiktok.com/', C, kinds.social, { aliases: ['tik tok'] }),
  site('reddit', 'Reddit', 'https://www.reddit.com/', C, kinds.social, {
    official: statuspage('www.redditstatus.com'),
  }),
  site('snapchat', 'Snapchat', 'https://www.snapchat.com/', C, kinds.social, { aliases: ['snap'] }),
  site('linkedin', 'LinkedIn', 'https://www.linkedin.com/', C, kinds.social),
  site('pinterest', 'Pinterest', 'https://www.pinterest.com/', C, kinds.social),
  site('threads', 'Threads', 'https://www.threads.net/', C, kinds.social),
  site('bluesky', 'Bluesky', 'https://bsky.app/', C, kinds.social, { aliases: ['bsky'] }),
  site('tumblr', 'Tumblr', 'https://www.tumblr.com/', C, kinds.social),
];
