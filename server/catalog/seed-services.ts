import type { ServiceInput } from '../../shared/index.ts';
import { aiServices } from './seed/ai.ts';
import { cloudServices } from './seed/cloud.ts';
import { developerServices } from './seed/developer-tools.ts';
import { communicationServices } from './seed/communication.ts';
import { emailWebServices } from './seed/email-web.ts';
import { socialServices } from './seed/social.ts';
import { streamingServices } from './seed/streaming.ts';
import { gamingServices } from './seed/gaming.ts';
import { bankingServices } from './seed/banking.ts';
import { carrierServices } from './seed/carriers.ts';
import { productivityServices } from './seed/productivity.ts';
import { shoppingServices } from './seed/shopping.ts';

/**
 * The built-in catalog: services people depend on, one file per category under seed/, upserted
 * at start without overwriting edits. mergeCatalog (catalog-file.ts) validates every entry with
 * the Service schema and refuses to start on a bad one.
 */
export const seedServices: ServiceInput[] = [
  ...aiServices,
  ...cloudServices,
  ...developerServices,
  ...communicationServices,
  ...emailWebServices,
  ...socialServices,
  ...streamingServices,
  ...gamingServices,
  ...bankingServices,
  ...carrierServices,
  ...productivityServices,
  ...shoppingServices,
];
