import type { ServiceInput } from '../../../shared/index.ts';
import { anyAnswer, api, app, dns, errors, feature, homepage, http, kinds, login, site, slow, statuspage, website } from './seed-helpers.ts';

const C = 'AI';
const openai = statuspage('status.openai.com');

export const aiServices: ServiceInput[] = [
  {
    slug: 'chatgpt', name: 'ChatGPT', homepage: 'https://chatgpt.com', category: C, aliases: ['gpt', 'openai', 'chat gpt'],
    problems: [login, website, errors, feature('responses', 'Responses', 'Answers stop, hang or never arrive'), slow, app,
      feature('voice', 'Voice mode'), feature('images', 'Image generation'), feature('uploads', 'File uploads')],
    probes: [homepage('https://chatgpt.com/', anyAnswer), dns('chatgpt.com')],
    official: openai,
  },
  {
    slug: 'openai-api', name: 'OpenAI API', homepage: 'https://platform.openai.com', category: C, aliases: ['gpt api', 'openai platform'],
    problems: [api, errors, slow, feature('rate-limits', 'Rate limits', 'Unexpected 429s'), login, feature('dashboard', 'Dashboard')],
    probes: [homepage('https://platform.openai.com/', anyAnswer), http('api', 'API (models list, no key: 401 expected)', 'https://api.openai.com/v1/models', anyAnswer)],
    official: openai,
  },
  {
    slug: 'claude', name: 'Claude', homepage: 'https://claude.ai', category: C, aliases: ['anthropic', 'claude ai'],
    problems: [login, website, errors, feature('responses', 'Responses', 'Answers stop, hang or never arrive'), slow, app, api],
    probes: [homepage('https://claude.ai/', anyAnswer), http('api', 'API (no key: 4xx expected)', 'https://api.anthropic.com/v1/models', anyAnswer)],
    official: statuspage('status.claude.com'),
  },
  {
    slug: 'gemini', name: 'Gemini', homepage: 'https://gemini.google.com', category: C, aliases: ['bard', 'google ai'],
    problems: [login, website, errors, feature('responses', 'Responses'), slow, app, api],
    probes: [homepage('https://gemini.google.com/', anyAnswer), dns('gemini.google.com')],
  },
  site('copilot', 'Microsoft Copilot', 'https://copilot.microsoft.com/', C, kinds.ai, { aliases: ['bing chat', 'copilot'] }),
  site('perplexity', 'Perplexity', 'https://www.perplexity.ai/', C, kinds.ai),
  site('mistral', 'Mistral Le Chat', 'https://chat.mistral.ai/', C, kinds.ai, { aliases: ['le chat'] }),
  site('midjourney', 'Midjourney', 'https://www.midjourney.com/', C, [login, website, errors, feature('images', 'Image generation'), slow]),
  site('hugging-face', 'Hugging Face', 'https://huggingface.co/', C, [website, login, api, feature('inference', 'Inference'), feature('downloads', 'Model downloads'), errors], { aliases: ['hf'] }),
  site('character-ai', 'Character.AI', 'https://character.ai/', C, kinds.ai, { aliases: ['c.ai'] }),
];
