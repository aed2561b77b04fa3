import type { ServiceInput } from '../../../shared/index.ts';
import { anyAnswer, app, dns, feature, homepage, kinds, login, site, statuspage, website } from './seed-helpers.ts';

const C = 'Streaming';

export const streamingServices: ServiceInput[] = [
  {
    slug: 'youtube',
    name: 'YouTube',
    homepage: 'https://www.youtube.com',
    category: C,
    aliases: ['yt'],
    problems: [
      feature('video', 'Video playback'),
      website,
      app,
      login,
      feature('upload', 'Uploading'),
      feature('comments', 'Comments'),
    ],
    probes: [homepage('https://www.youtube.com/'), dns('www.youtube.com')],
  },
  {
    slug: 'netflix',
    name: 'Netflix',
    homepage: 'https://www.netflix.com',
    category: C,
    problems: [feature('streaming', 'Streaming'), login, app, website, feature('tv', 'TV app')],
    probes: [homepage('https://www.netflix.com/', anyAnswer), dns('www.netflix.com')],
  },
  site('disney-plus', 'Disney+', 'https://www.disneyplus.com/', C, kinds.video, { aliases: ['disney plus', 'disney'] }),
  site('prime-video', 'Prime Video', 'https://www.primevideo.com/', C, kinds.video, {
    aliases: ['amazon prime video', 'prime'],
  }),
  site('hulu', 'Hulu', 'https://www.hulu.com/', C, kinds.video),
  site('max', 'Max', 'https://www.max.com/', C, kinds.video, { aliases: ['hbo max', 'hbo'] }),
  site('apple-tv', 'Apple TV+', 'https://tv.apple.com/', C, kinds.video, { aliases: ['apple tv plus'] }),
  site('paramount-plus', 'Paramount+', 'https://www.paramountplus.com/', C, kinds.video, {
    aliases: ['paramount plus'],
  }),
  site('peacock', 'Peacock', 'https://www.peacocktv.com/', C, kinds.video),
  site('crunchyroll', 'Crunchyroll', 'https://www.crunchyroll.com/', C, kinds.video),
  site('twitch', 'Twitch', 'https://www.twitch.tv/', C, [
    feature('streams', 'Watching streams'),
    feature('broadcast', 'Going live'),
    feature('chat', 'Chat'),
    login,
    app,
    website,
  ]),
  site(
    'vimeo',
    'Vimeo',
    'https://vimeo.com/',
    C,
    [feature('video', 'Video playback'), feature('upload', 'Uploading'), login, website],
    { official: statuspage('www.vimeostatus.com') },
  ),
  site('spotify', 'Spotify', 'https://open.spotify.com/', C, kinds.music),
  site('apple-music', 'Apple Music', 'https://music.apple.com/', C, kinds.music, { aliases: ['itunes'] }),
  site('soundcloud', 'SoundCloud', 'https://soundcloud.com/', C, kinds.music),
  site('deezer', 'Deezer', 'https://www.deezer.com/', C, kinds.music),
  site('tidal', 'Tidal', 'https://tidal.com/', C, kinds.music),
];
