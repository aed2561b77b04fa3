/**
 * Advice that depends on what kind of service it is, one entry per catalog category
 * (server/catalog/seed/): a step for the person and the fallbacks a business has.
 */

export interface CategoryGuidance {
  person: string[];
  business: string[];
}

export const CATEGORY_GUIDANCE: Record<string, CategoryGuidance> = {
  AI: {
    person: [
      'Copy your prompt and any long answer you need before you retry: a failed reply may not be kept in the history.',
    ],
    business: [
      'Fall back to a second model provider, or queue requests and run them when it is back.',
      'Show your users a clear "the assistant is unavailable" message instead of letting requests time out.',
    ],
  },
  'Banking & payments': {
    person: [
      "Do not pay twice: check your statement or the shop's order history before you retry a payment.",
      'Keep a second way to pay at hand (another card, cash) until it is back.',
    ],
    business: [
      'Offer another payment method at checkout, and hold back bulk retries of failed charges: duplicates ' +
        'are hard to undo.',
      'Tell customers whose payment failed that they will not be charged twice, and when to try again.',
    ],
  },
  'Mobile carriers & ISPs': {
    person: [
      'Restart your phone or router once; if it still fails, use Wi-Fi calling or another network for what is urgent.',
      'For an emergency call, any available network can carry it even without your own signal.',
    ],
    business: [
      'Switch to a backup connection (a second provider or a mobile hotspot on another network) for ' +
        'payments and calls.',
    ],
  },
  Cloud: {
    person: ['Many apps and sites run on this provider: if several of them fail, this is likely why.'],
    business: [
      'Fail over to another region or provider if you have one, and pause deploys and scaling changes ' +
        'until it is stable.',
      'Check which of your own services depend on the affected parts, and tell your customers which features are down.',
    ],
  },
  Communication: {
    person: ['For anything urgent, reach people another way (phone, text, email) and say where you are.'],
    business: [
      'Move urgent conversations and meetings to a second channel, and announce it where your team will see it.',
    ],
  },
  'Developer tools': {
    person: ['Keep working locally; push and merge when it is back.'],
    business: [
      'Pause deploys that depend on it, and use cached dependencies or a mirror for builds.',
      'Hold releases that need it rather than working around your checks.',
    ],
  },
  'Email & web': {
    person: [
      'Mail sent to you during an outage is usually delivered late, not lost; wait before asking people to send again.',
    ],
    business: ["For urgent messages to customers use another channel (SMS, your site's banner, social accounts)."],
  },
  Gaming: {
    person: ['Avoid buying or redeeming items until it is back: purchases during an outage can be delayed.'],
    business: ['Postpone scheduled matches, streams or tournaments, and tell players when you will try again.'],
  },
  Productivity: {
    person: ['Work on a local copy and paste it back later, so edits are not lost if saving fails.'],
    business: ['Share offline copies of what people need today, and agree which copy is the one to keep.'],
  },
  Shopping: {
    person: [
      'Check your order history before you order again: an order may have gone through even if the page failed.',
    ],
    business: ['Pause ads that lead to the affected store or checkout, and take urgent orders another way.'],
  },
  'Travel & delivery': {
    person: [
      "Check the app's order or trip history before you book or order again, and keep confirmation emails " +
        'and screenshots.',
    ],
    business: [
      'Take orders or bookings another way (phone, your own site) and tell waiting customers what is delayed.',
    ],
  },
  Social: {
    person: ['Keep a copy of what you wanted to post; posts may fail or appear twice.'],
    business: ['Post important announcements on your other channels (site, email, another network) too.'],
  },
  Streaming: {
    person: ['Try a lower quality, another device, or a downloaded title.'],
    business: ['If you broadcast on it, announce a backup platform or a new time.'],
  },
};

/** For services in a category without its own entry ("Other", or one an operator invented). */
export const OTHER_GUIDANCE: CategoryGuidance = {
  person: [],
  business: ['Switch to your fallback (a second provider, a manual process) if it lasts longer than you can wait.'],
};
