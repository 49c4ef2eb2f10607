import { api, onUnauthenticated } from './api.js';
import { districtName, loadDirectory, orgName, reloadOrgs } from './directory.js';
import { append, debounce, h, replaceChildren } from './dom.js';
import { bindForm, field, submitButton } from './forms.js';
import { currentLanguage, label, loadLanguage, otherLanguage, t } from './i18n.js';
import { followInbox, onUnread, recipientOf, stopInbox, unreadCount } from './inbox.js';
import { connectLive, disconnectLive, onBoardChange, onLiveState } from './live.js';
import { navigate } from './nav.js';
import { canPostTopics } from './permissions.js';
import { clearSession, currentSession, hasRole, mainRole, readsAllDistricts, saveSession } from './session.js';
import { activateView } from './views/activate.js';
import { adminView } from './views/admin.js';
import { auditView } from './views/audit.js';
import { batchesView } from './views/batches.js';
import { boardView } from './views/board.js';
import { dashboardView } from './views/dashboard.js';
import { deadLettersView } from './views/dead-letters.js';
import { districtsView } from './views/districts.js';
import { digestsView } from './views/digests.js';
import { newTopicView } from './views/new-topic.js';
import { notificationsView } from './views/notifications.js';
import { topicView } from './views/topic.js';

/** The console's shell: the header, the hash routes and the signed-in session. */
const ROUTES = [
  { pattern: /^\/login$/, view: loginView, open: true },
  { pattern: /^\/activate$/, view: activateView, open: true },
  { pattern: /^\/board$/, view: boardView, nav: 'board' },
  { pattern: /^\/topics\/new$/, view: newTopicView, nav: 'newTopic' },
  { pattern: /^\/topics\/([\w-]+)$/, view: topicView, nav: 'board' },
  { pattern: /^\/dashboard$/, view: dashboardView, nav: 'dashboard' },
  { pattern: /^\/districts$/, view: districtsView, nav: 'districts' },
  { pattern: /^\/digests$/, view: digestsView, nav: 'digests' },
  { pattern: /^\/batches$/, view: batchesView, nav: 'batches' },
  { pattern: /^\/dead-letters$/, view: deadLettersView, nav: 'deadLetters' },
  { pattern: /^\/notifications$/, view: notificationsView, nav: 'notifications' },
  { pattern: /^\/admin$/, view: adminView, nav: 'admin' },
  { pattern: /^\/audit$/, view: auditView, nav: 'audit' },
];

const header = document.getElementById('header');
const main = document.getElementById('main');
let leaveView = null;
let rendering = 0;
let startup = null;
let liveConnected = false;

function currentRoute() {
  const [path, search = ''] = (location.hash.slice(1) || '/board').split('?');
  return { path, params: new URLSearchParams(search) };
}

/** Signed in: the directory for names and the live stream, once per session. */
function start(session) {
  if (!startup) {
    startup = loadDirectory().then(() => {
      connectLive(session.accessToken);
      followInbox(session);
    });
  }
  return startup;
}

/**
 * Signing out by hand, or because the server no longer accepts the token. In that case every request of the
 * moment fails at once: the first one leads to the login page, remembering the page to come back to (its
 * drafts are kept), and the others change nothing, so the login page is drawn once. then: where to go instead
 * of the login page (e.g. the login page saying an account was just activated).
 */
function signOut({ expired = false, then = null } = {}) {
  const session = currentSession();
  if (!session && !startup) {
    return;
  }
  if (session && !expired) {
    // The server refuses the token from now on (a copy of it is worthless); the page does not wait for the answer.
    fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${session.accessToken}` } }).catch(() => {});
  }
  endSession();
  navigate(then || (expired ? loginPath(location.hash.slice(1)) : '/login'));
}

/** Forgets the token and its live stream; a render still waiting on them draws nothing. */
function endSession() {
  clearSession();
  disconnectLive();
  stopInbox();
  startup = null;
  rendering += 1;
}

/** The login page, with the page (path and query) to come back to once signed in. */
function loginPath(returnTo) {
  return isPrivate(returnTo) && returnTo !== '/board' ? `/login?return=${encodeURIComponent(returnTo)}` : '/login';
}

function isPrivate(page) {
  const path = page.split('?')[0];
  return ROUTES.some((route) => !route.open && route.pattern.test(path));
}

/** What a render waits for; its failure once the render was overtaken (e.g. the token refused, so signed out) is moot. */
async function settled(promise, ticket) {
  try {
    return await promise;
  } catch (error) {
    if (ticket !== rendering) {
      return null;
    }
    throw error;
  }
}

/** Draws the page of the address; a render that a later one overtook while it waited draws nothing. */
async function render({ focus = true } = {}) {
  if (leaveView) {
    leaveView();
    leaveView = null;
  }
  rendering += 1;
  const ticket = rendering;
  const { path, params } = currentRoute();
  const route = ROUTES.find((candidate) => candidate.pattern.test(path));
  const session = currentSession();
  if (!route) {
    navigate('/board');
    return;
  }
  if (!route.open && !session) {
    // Never signed in, or the session ran out here: its stream goes too.
    endSession();
    navigate(loginPath(location.hash.slice(1)));
    return;
  }
  if (session) {
    await settled(start(session), ticket);
    if (ticket !== rendering) {
      // The user went elsewhere, or was signed out, while the directory loaded: the later render draws.
      return;
    }
  }
  renderHeader(session, route.nav);
  main.replaceChildren();
  main.setAttribute('aria-busy', 'true');
  const leave = await settled(route.view(main, { args: path.match(route.pattern).slice(1), params, session, signOut }), ticket) || null;
  if (ticket !== rendering) {
    // The user went elsewhere while this view was loading: it is already off the page.
    if (leave) {
      leave();
    }
    return;
  }
  leaveView = leave;
  main.removeAttribute('aria-busy');
  const heading = main.querySelector('h1');
  if (focus && heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

function renderHeader(session, active) {
  const links = session ? [
    ['board', '#/board', true],
    ['dashboard', '#/dashboard', true],
    ['districts', '#/districts', ['CITY', 'LEADERSHIP', 'ANALYST'].includes(mainRole(session))],
    ['newTopic', '#/topics/new', canPostTopics(session)],
    ['digests', '#/digests', hasRole(session, 'COORDINATOR')],
    ['batches', '#/batches', hasRole(session, 'COORDINATOR')],
    ['deadLetters', '#/dead-letters', hasRole(session, 'COORDINATOR')],
    ['notifications', '#/notifications', Boolean(recipientOf(session))],
    ['admin', '#/admin', hasRole(session, 'COORDINATOR')],
    ['audit', '#/audit', hasRole(session, 'COORDINATOR')],
  ].filter(([, , shown]) => shown) : [];
  const language = otherLanguage();
  document.getElementById('skip-link').textContent = t('app.skip');
  replaceChildren(header,
    h('a', { class: 'brand', href: session ? '#/board' : '#/login' }, t('app.name')),
    links.length ? h('nav', { 'aria-label': t('nav.label') }, h('ul', {}, links.map(([name, href]) =>
      h('li', {}, h('a', { href, 'aria-current': name === active ? 'page' : null }, t(`nav.${name}`),
        name === 'notifications' ? unreadBadge() : null))))) : null,
    h('div', { class: 'header-tools' },
      session ? h('p', { class: 'who', id: 'who' },
        h('span', { class: 'who-name' }, session.username),
        whoDistrict(session),
        // A district's own account (coordination, leadership) is named by its district; without one known, as 区级.
        session.orgId || (!session.district && !readsAllDistricts(session))
          ? h('span', { class: 'who-org', id: 'who-org' }, session.orgId ? orgName(session.orgId) : t('org.district')) : null,
        h('span', { class: 'who-role', id: 'who-role' }, label('role', mainRole(session)))) : null,
      session ? h('span', { class: 'live-state', id: 'live-state', 'data-live': liveConnected ? 'on' : 'off' },
        t(liveConnected ? 'live.on' : 'live.off')) : null,
      h('button', { type: 'button', class: 'button', id: 'language-switch', lang: language,
        onclick: async () => { await loadLanguage(language); render(); } }, t('language.switch')),
      session ? h('button', { type: 'button', class: 'button', id: 'sign-out', onclick: () => signOut() }, t('nav.signOut')) : null));
}

/** The user's district (海滨区), or the city level (市级) that reads them all; nothing from a server that names none. */
function whoDistrict(session) {
  const city = readsAllDistricts(session);
  if (!city && !session.district) {
    return null;
  }
  return h('span', { class: 'who-district', id: 'who-district', 'data-district': city ? '' : session.district },
    city ? t('district.city') : districtName(session.district));
}

/** The unread notifications beside the inbox's link, kept current as the count changes. */
function unreadBadge() {
  const count = unreadCount();
  return h('span', { class: 'unread-badge', id: 'inbox-unread', hidden: !count, 'aria-label': t('notifications.unreadLabel', { count: count || 0 }) },
    count ? String(count) : '');
}

onUnread((count) => {
  const badge = document.getElementById('inbox-unread');
  if (badge) {
    badge.hidden = !count;
    badge.textContent = count ? String(count) : '';
    badge.setAttribute('aria-label', t('notifications.unreadLabel', { count }));
  }
});

/** The organisations follow their changes (one registered, renamed, moved or retired) for every page's names and pickers. */
const refreshOrgs = debounce(() => {
  if (currentSession()) {
    reloadOrgs().catch(() => {});
  }
}, 300);
onBoardChange((change) => {
  if (change.kind === 'org' || change.kind === 'resync') {
    refreshOrgs();
  }
});

onLiveState((connected) => {
  liveConnected = connected;
  const indicator = document.getElementById('live-state');
  if (indicator) {
    indicator.dataset.live = connected ? 'on' : 'off';
    indicator.textContent = t(connected ? 'live.on' : 'live.off');
  }
});

/** Where to go once signed in: back to the page the session ended on, or the board. */
function afterLogin(params) {
  const wanted = params.get('return') || '';
  return isPrivate(wanted) ? wanted : '/board';
}

async function loginView(container, { params }) {
  if (currentSession()) {
    navigate(afterLogin(params));
    return null;
  }
  // Coming from the activation page: the account is named, and the person signs in with the password just set.
  const activated = params.get('activated') || '';
  const form = h('form', { class: 'card narrow', id: 'login-form' },
    field({ name: 'username', label: t('login.username'), required: true, value: activated, attributes: { autocomplete: 'username' } }),
    field({ name: 'password', label: t('login.password'), kind: 'password', required: true, attributes: { autocomplete: 'current-password' } }),
    submitButton(t('login.submit')));
  bindForm(form, async ({ username, password }) => {
    saveSession(await api.login(username || '', password || ''));
    navigate(afterLogin(params));
  });
  append(container, [h('h1', {}, t('login.title')),
    activated ? h('p', { class: 'notice', id: 'login-activated', role: 'status' }, t('login.activated', { username: activated })) : null,
    h('p', { class: 'lead' }, t('login.intro')), form,
    h('p', { class: 'hint' }, t('login.demo'))]);
  return null;
}

onUnauthenticated(() => signOut({ expired: true }));
window.addEventListener('hashchange', () => render());
document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
await loadLanguage(currentLanguage());
render({ focus: false });
