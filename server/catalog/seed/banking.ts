import type { ServiceInput } from '../../../shared/index.ts';
import { kinds, site, statuspage } from './seed-helpers.ts';

const C = 'Banking & payments';
const bank = (slug: string, name: string, url: string, aliases?: string[]) =>
  site(slug, name, url, C, kinds.bank, aliases ? { aliases } : {});
const pay = (slug: string, name: string, url: string, aliases?: string[]) =>
  site(slug, name, url, C, kinds.payments, aliases ? { aliases } : {});

export const bankingServices: ServiceInput[] = [
  bank('chase', 'Chase', 'https://www.chase.com/', ['jpmorgan', 'jp morgan chase']),
  bank('bank-of-america', 'Bank of America', 'https://www.bankofamerica.com/', ['bofa', 'boa']),
  bank('wells-fargo', 'Wells Fargo', 'https://www.wellsfargo.com/', ['wf']),
  bank('citi', 'Citibank', 'https://www.citi.com/', ['citi']),
  bank('capital-one', 'Capital One', 'https://www.capitalone.com/', ['capone']),
  bank('barclays', 'Barclays', 'https://www.barclays.co.uk/'),
  bank('hsbc', 'HSBC', 'https://www.hsbc.com/'),
  bank('lloyds', 'Lloyds Bank', 'https://www.lloydsbank.com/', ['lloyds']),
  bank('natwest', 'NatWest', 'https://www.natwest.com/'),
  bank('santander', 'Santander', 'https://www.santander.com/'),
  bank('revolut', 'Revolut', 'https://www.revolut.com/'),
  bank('monzo', 'Monzo', 'https://monzo.com/'),
  bank('starling', 'Starling Bank', 'https://www.starlingbank.com/', ['starling']),
  bank('american-express', 'American Express', 'https://www.americanexpress.com/', ['amex']),
  pay('paypal', 'PayPal', 'https://www.paypal.com/'),
  pay('venmo', 'Venmo', 'https://venmo.com/'),
  pay('cash-app', 'Cash App', 'https://cash.app/', ['square cash']),
  pay('zelle', 'Zelle', 'https://www.zellepay.com/'),
  pay('wise', 'Wise', 'https://wise.com/', ['transferwise']),
  pay('klarna', 'Klarna', 'https://www.klarna.com/'),
  pay('stripe', 'Stripe', 'https://stripe.com/'),
  pay('visa', 'Visa', 'https://www.visa.com/'),
  pay('mastercard', 'Mastercard', 'https://www.mastercard.com/'),
  site('coinbase', 'Coinbase', 'https://www.coinbase.com/', C, kinds.payments, {
    aliases: ['crypto'],
    official: statuspage('status.coinbase.com'),
  }),
  site('kraken', 'Kraken', 'https://www.kraken.com/', C, kinds.payments, { official: statuspage('status.kraken.com') }),
];
