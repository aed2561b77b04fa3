import './zod-config.ts';
import { hydrate, mount } from 'svelte';
import App from './App.svelte';
import { PAGE_DATA, type PageDataBox } from './lib/page-data.ts';
import type { PageData } from '../../shared/index.ts';
import './app.css';

const target = document.getElementById('app')!;
// Pages the server rendered carry the data they were rendered from: hydrate from it, no refetch.
const initial = document.getElementById('initial-data');
if (initial) {
  const box: PageDataBox = { data: JSON.parse(initial.textContent ?? 'null') as PageData };
  hydrate(App, { target, context: new Map([[PAGE_DATA, box]]) });
  box.data = undefined;
} else {
  mount(App, { target });
}
