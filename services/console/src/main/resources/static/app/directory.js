import { api } from './api.js';
import { localName } from './i18n.js';

/** Organisations, categories and batches, loaded once per sign-in; batches refresh on live batch events. */
const directory = { orgs: [], categories: [], batches: [] };

export async function loadDirectory() {
  const [orgs, categories, batches] = await Promise.all([api.get('/api/orgs'), api.get('/api/categories'), api.get('/api/batches')]);
  Object.assign(directory, { orgs, categories, batches });
}

/** Organisations again, after the coordinator changed one (or a live change said so). */
export async function reloadOrgs() {
  directory.orgs = await api.get('/api/orgs');
  return directory.orgs;
}

export async function reloadBatches() {
  directory.batches = await api.get('/api/batches');
  return directory.batches;
}

/**
 * Organisations to choose from (of a kind, or all): a retired one is offered in no form, so it is left out unless
 * withRetired (a filter of what organisations hold, which a retired one keeps). Its name is still known: org(), orgName().
 */
export function orgs(kind, { withRetired = false } = {}) {
  return directory.orgs.filter((org) => (!kind || org.kind === kind) && (withRetired || !org.retired));
}

export function orgRetired(id) {
  const found = org(id);
  return Boolean(found && found.retired);
}

export function org(id) {
  return directory.orgs.find((candidate) => candidate.id === id);
}

export function orgName(id) {
  return id ? (localName(org(id)) || id) : '';
}

export function orgKind(id) {
  const found = org(id);
  return found ? found.kind : null;
}

export function categories() {
  return directory.categories;
}

export function categoryName(code) {
  const found = directory.categories.find((category) => category.code === code);
  return found ? localName(found) : (code || '');
}

/** Categories grouped by their class, in the taxonomy's order. */
export function categoryClasses() {
  const classes = new Map();
  for (const category of directory.categories) {
    if (!classes.has(category.classCode)) {
      classes.set(category.classCode, { name: localName(category, 'className'), categories: [] });
    }
    classes.get(category.classCode).categories.push(category);
  }
  return [...classes.values()];
}

export function batches() {
  return directory.batches;
}

export function batch(id) {
  return directory.batches.find((candidate) => candidate.id === id);
}

/** The batch to show first: the newest open one, else the newest. */
export function defaultBatchId() {
  const open = directory.batches.find((candidate) => candidate.state === 'OPEN');
  return (open || directory.batches[0] || {}).id || '';
}
