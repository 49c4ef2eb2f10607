import { api, Problem } from './api.js';
import { localName } from './i18n.js';

/**
 * Districts (区, the tenants), organisations, categories and batches, loaded once per sign-in; batches refresh on live
 * batch events. A district's user gets its own district's organisations and batches; the city level every district's.
 */
const directory = { districts: [], orgs: [], categories: [], batches: [] };

export async function loadDirectory() {
  const [districts, orgs, categories, batches] = await Promise.all([optionalDistricts(), api.get('/api/orgs'),
    api.get('/api/categories'), api.get('/api/batches')]);
  Object.assign(directory, { districts, orgs, categories, batches });
}

/** Without the districts' names (a server that does not answer them), ids stand in for them; the console still works. */
async function optionalDistricts() {
  try {
    return await api.get('/api/districts');
  } catch (error) {
    if (error instanceof Problem && error.status !== 401) {
      return [];
    }
    throw error;
  }
}

/** The districts, in the order the server gives them. */
export function districts() {
  return directory.districts;
}

export function district(id) {
  return directory.districts.find((candidate) => candidate.id === id);
}

/** A district's name in the reader's language; its id when it is not known. */
export function districtName(id) {
  return id ? (localName(district(id)) || id) : '';
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
export function orgs(kind, { withRetired = false, inDistrict = '' } = {}) {
  return directory.orgs.filter((org) => (!kind || org.kind === kind) && (withRetired || !org.retired)
    && (!inDistrict || org.district === inDistrict));
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

/** The batches, or a district's only (for the city level, which sees every district's). */
export function batches(inDistrict = '') {
  return inDistrict ? directory.batches.filter((candidate) => candidate.district === inDistrict) : directory.batches;
}

export function batch(id) {
  return directory.batches.find((candidate) => candidate.id === id);
}

/** The batch to show first: the newest open one, else the newest (of the district, if one is named). */
export function defaultBatchId(inDistrict = '') {
  const among = batches(inDistrict);
  const open = among.find((candidate) => candidate.state === 'OPEN');
  return (open || among[0] || {}).id || '';
}
