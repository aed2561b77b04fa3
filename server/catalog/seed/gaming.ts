import type { ServiceInput } from '../../../shared/index.ts';
import { kinds, site, statuspage } from './seed-helpers.ts';

const C = 'Gaming';

export const gamingServices: ServiceInput[] = [
  site('steam', 'Steam', 'https://store.steampowered.com/', C, kinds.gaming, { aliases: ['valve', 'steam store'] }),
  site('playstation-network', 'PlayStation Network', 'https://www.playstation.com/', C, kinds.gaming, {
    aliases: ['psn', 'playstation', 'ps5', 'ps4'],
  }),
  site('xbox-live', 'Xbox Live', 'https://www.xbox.com/', C, kinds.gaming, {
    aliases: ['xbox', 'xbox network', 'game pass'],
  }),
  site('nintendo-switch-online', 'Nintendo Switch Online', 'https://www.nintendo.com/', C, kinds.gaming, {
    aliases: ['nintendo', 'switch', 'eshop'],
  }),
  site('epic-games', 'Epic Games', 'https://store.epicgames.com/', C, kinds.gaming, {
    aliases: ['epic', 'epic games store'],
    official: statuspage('status.epicgames.com'),
  }),
  site('fortnite', 'Fortnite', 'https://www.fortnite.com/', C, kinds.gaming, {
    official: statuspage('status.epicgames.com'),
  }),
  site('roblox', 'Roblox', 'https://www.roblox.com/', C, kinds.gaming),
  site('minecraft', 'Minecraft', 'https://www.minecraft.net/', C, kinds.gaming, { aliases: ['mojang'] }),
  site('battle-net', 'Battle.net', 'https://battle.net/', C, kinds.gaming, { aliases: ['blizzard', 'bnet'] }),
  site('ea-app', 'EA app', 'https://www.ea.com/', C, kinds.gaming, { aliases: ['ea', 'origin', 'electronic arts'] }),
  site('league-of-legends', 'League of Legends', 'https://www.leagueoflegends.com/', C, kinds.gaming, {
    aliases: ['lol', 'riot games', 'league'],
  }),
  site('valorant', 'Valorant', 'https://playvalorant.com/', C, kinds.gaming),
];
