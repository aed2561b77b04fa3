import type { ServiceInput } from '../../../shared/index.ts';
import { app, feature, kinds, login, site, statuspage, website } from './seed-helpers.ts';

const C = 'Shopping';
const T = 'Travel & delivery';
const travel = [
  feature('booking', 'Booking'),
  login,
  app,
  website,
  feature('payments', 'Payments'),
  feature('messages', 'Messages'),
];

export const shoppingServices: ServiceInput[] = [
  site('amazon', 'Amazon', 'https://www.amazon.com/', C, kinds.shop, { aliases: ['amazon shopping', 'amzn'] }),
  site('ebay', 'eBay', 'https://www.ebay.com/', C, kinds.shop),
  site('etsy', 'Etsy', 'https://www.etsy.com/', C, kinds.shop),
  site('walmart', 'Walmart', 'https://www.walmart.com/', C, kinds.shop),
  site('target', 'Target', 'https://www.target.com/', C, kinds.shop),
  site('best-buy', 'Best Buy', 'https://www.bestbuy.com/', C, kinds.shop),
  site('aliexpress', 'AliExpress', 'https://www.aliexpress.com/', C, kinds.shop, { aliases: ['alibaba'] }),
  site('temu', 'Temu', 'https://www.temu.com/', C, kinds.shop),
  site(
    'shopify',
    'Shopify',
    'https://www.shopify.com/',
    C,
    [...kinds.shop.slice(0, 4), { id: 'admin', label: 'Store admin' }],
    { official: statuspage('www.shopifystatus.com') },
  ),
  site('uber', 'Uber', 'https://www.uber.com/', T, kinds.delivery, { aliases: ['uber rides'] }),
  site('uber-eats', 'Uber Eats', 'https://www.ubereats.com/', T, kinds.delivery),
  site('doordash', 'DoorDash', 'https://www.doordash.com/', T, kinds.delivery),
  site('lyft', 'Lyft', 'https://www.lyft.com/', T, kinds.delivery),
  site('deliveroo', 'Deliveroo', 'https://deliveroo.co.uk/', T, kinds.delivery),
  site('instacart', 'Instacart', 'https://www.instacart.com/', T, kinds.delivery),
  site('airbnb', 'Airbnb', 'https://www.airbnb.com/', T, travel),
  site('booking', 'Booking.com', 'https://www.booking.com/', T, travel, { aliases: ['booking com'] }),
];
