import { api, Problem } from '../api.js';
import { org, orgName, orgs, reloadOrgs } from '../directory.js';
import { append, debounce, h, replaceChildren } from '../dom.js';
import { bindForm, field, submitButton } from '../forms.js';
import { formatDateTime, label, localName, t } from '../i18n.js';
import { onBoardChange } from '../live.js';
import { hasRole } from '../session.js';
import { notify, section, table } from '../widgets.js';

/**
 * Administration (管理), for coordinators: the district's organisations and the staff accounts acting for them
 * (docs/administration.md). Each change is a command to topic-service; the lists here are the console's read side,
 * which hears of it through Kafka moments later, so after a command they are fetched again until they show it.
 * Inviting an account, or resetting its credentials, answers a one-time activation code: its link is shown once, to
 * hand to the person, who sets their own password at #/activate.
 */
const KINDS = ['DEPARTMENT', 'STREET'];
const ROLES = ['STAFF', 'COORDINATOR', 'LEADERSHIP', 'ANALYST'];
/** How long a change is waited for in the lists: about ten seconds, well above the read side's usual delay. */
const POLLS = 20;
const POLL_MILLIS = 500;

/** The address of the activation page for an account and its code (the console's hash route, open without login). */
export function activationLink(username, code) {
  return `${location.origin}/#/activate?${new URLSearchParams({ username, code })}`;
}

export async function adminView(main, { session }) {
  main.append(h('h1', {}, t('admin.title')));
  if (!hasRole(session, 'COORDINATOR')) {
    main.append(h('p', { class: 'error', role: 'alert' }, t('admin.coordinatorOnly')));
    return null;
  }
  let staff = [];
  let left = false;
  const status = h('p', { class: 'summary', id: 'admin-status', role: 'status' });
  const orgList = h('div', { id: 'org-list' });
  const staffList = h('div', { id: 'staff-list' });
  const activation = activationPanel();

  const orgForms = {
    add: addOrgForm(),
    rename: renameOrgForm(),
    move: moveOrgForm(),
  };
  const staffForms = {
    invite: inviteForm(),
    move: moveStaffForm(),
  };

  append(main, [
    h('p', { class: 'lead' }, t('admin.intro')),
    status,
    section(t('admin.orgs'), 'admin-orgs',
      h('div', { class: 'admin-forms' },
        subsection(t('admin.addOrg'), 'org-add', orgForms.add),
        subsection(t('admin.renameOrg'), 'org-rename', orgForms.rename),
        subsection(t('admin.moveOrg'), 'org-move', orgForms.move)),
      filterBox('org-filter', t('admin.findOrg'), orgList),
      orgList),
    section(t('admin.staff'), 'admin-staff',
      h('div', { class: 'admin-forms' },
        subsection(t('admin.invite'), 'staff-invite', staffForms.invite),
        subsection(t('admin.moveStaff'), 'staff-move', staffForms.move)),
      activation.panel,
      filterBox('staff-filter', t('admin.findStaff'), staffList),
      staffList),
  ]);

  function renderOrgs() {
    const rows = orgs(null, { withRetired: true });
    replaceChildren(orgList, table(t('admin.orgsCaption'), [
      [t('admin.orgId'), (entry) => h('code', {}, entry.id)],
      [t('admin.orgName'), (entry) => localName(entry)],
      [t('admin.orgKind'), (entry) => label('orgKindOne', entry.kind)],
      [t('admin.parent'), (entry) => (entry.parentId ? orgName(entry.parentId) : t('admin.topLevel'))],
      [t('admin.state'), (entry) => (entry.retired
        ? h('span', { class: 'badge retired' }, t('admin.retired')) : t('admin.active'))],
      [t('claim.actions'), (entry) => (entry.retired ? '' : orgActions(entry))],
    ], rows, { id: 'org-table', class: 'dense' }, (entry) => ({ 'data-org': entry.id, 'data-retired': String(Boolean(entry.retired)) })));
    applyFilter(orgList);
    const unretired = orgChoices(t('form.choose'));
    const parents = orgChoices(t('admin.topLevel'));
    fillSelect(orgForms.add.querySelector('[name=parentId]'), parents);
    fillSelect(orgForms.rename.querySelector('[name=orgId]'), unretired);
    fillSelect(orgForms.move.querySelector('[name=orgId]'), unretired);
    fillSelect(orgForms.move.querySelector('[name=parentId]'), parents);
    fillSelect(staffForms.invite.querySelector('[name=orgId]'), unretired);
    fillSelect(staffForms.move.querySelector('[name=orgId]'), unretired);
  }

  function renderStaff() {
    replaceChildren(staffList, table(t('admin.staffCaption'), [
      [t('admin.username'), (account) => h('code', {}, account.username)],
      [t('admin.displayName'), (account) => account.displayName || ''],
      [t('admin.role'), (account) => label('role', account.role)],
      [t('admin.org'), (account) => (account.orgId ? orgName(account.orgId) : '—')],
      [t('admin.status'), (account) => h('span', { class: `badge account-${account.status}` }, label('accountStatus', account.status))],
      [t('claim.actions'), (account) => staffActions(account)],
    ], staff, { id: 'staff-table', class: 'dense' }, (account) => ({ 'data-username': account.username, 'data-status': account.status })));
    applyFilter(staffList);
    fillSelect(staffForms.move.querySelector('[name=username]'), [{ value: '', label: t('form.choose') },
      ...staff.filter((account) => movable(account)).map((account) => ({ value: account.username,
        label: `${account.displayName || account.username} (${account.username})` }))]);
  }

  async function loadOrgs() {
    await reloadOrgs();
    if (!left) {
      renderOrgs();
    }
  }

  async function loadStaff() {
    const answer = await api.get('/api/staff');
    if (!left) {
      staff = Array.isArray(answer) ? answer : [];
      renderStaff();
    }
  }

  /** Fetches the list again until it shows the change (seen()), for about ten seconds; says so while it waits. */
  async function until(load, seen) {
    status.textContent = t('admin.waiting');
    try {
      for (let attempt = 0; attempt < POLLS && !left; attempt += 1) {
        await load();
        if (seen()) {
          status.textContent = t('admin.shown');
          return;
        }
        await new Promise((resolve) => { setTimeout(resolve, POLL_MILLIS); });
      }
      status.textContent = t('admin.notYetShown');
    } catch (error) {
      status.textContent = error.message;
    }
  }

  const account = (username) => staff.find((candidate) => candidate.username === username);

  // Organisations
  bindForm(orgForms.add, async (values) => {
    await api.post('/api/organisations', values);
    notify(t('admin.orgAdded', { id: values.id }));
    orgForms.add.reset();
    until(loadOrgs, () => Boolean(org(values.id)));
  });
  bindForm(orgForms.rename, async ({ orgId, name, nameEn }) => {
    chosen('orgId', orgId);
    await api.post(`/api/organisations/${encodeURIComponent(orgId)}/rename`, { name, nameEn });
    notify(t('admin.orgRenamed', { id: orgId }));
    orgForms.rename.reset();
    until(loadOrgs, () => Boolean(org(orgId)) && org(orgId).name === name && (org(orgId).nameEn || null) === (nameEn || null));
  });
  bindForm(orgForms.move, async ({ orgId, parentId }) => {
    chosen('orgId', orgId);
    await api.post(`/api/organisations/${encodeURIComponent(orgId)}/move`, { parentId });
    notify(t('admin.orgMoved', { id: orgId }));
    orgForms.move.reset();
    until(loadOrgs, () => Boolean(org(orgId)) && (org(orgId).parentId || null) === (parentId || null));
  });

  function orgActions(entry) {
    return h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button', 'data-action': 'rename', 'data-org': entry.id,
        onclick: () => {
          const form = orgForms.rename;
          form.querySelector('[name=orgId]').value = entry.id;
          form.querySelector('[name=name]').value = entry.name || '';
          form.querySelector('[name=nameEn]').value = entry.nameEn || '';
          form.querySelector('[name=name]').focus();
        } }, t('admin.rename')),
      h('button', { type: 'button', class: 'button', 'data-action': 'move', 'data-org': entry.id,
        onclick: () => {
          const form = orgForms.move;
          form.querySelector('[name=orgId]').value = entry.id;
          form.querySelector('[name=parentId]').value = entry.parentId || '';
          form.querySelector('[name=parentId]').focus();
        } }, t('admin.move')),
      h('button', { type: 'button', class: 'button', 'data-action': 'retire', 'data-org': entry.id,
        onclick: async (event) => {
          if (!window.confirm(t('admin.retireConfirm', { name: localName(entry), id: entry.id }))) {
            return;
          }
          const button = event.currentTarget;
          button.disabled = true;
          try {
            await api.post(`/api/organisations/${encodeURIComponent(entry.id)}/retire`);
            notify(t('admin.orgRetired', { id: entry.id }));
            until(loadOrgs, () => Boolean(org(entry.id) && org(entry.id).retired));
          } catch (error) {
            button.disabled = false;
            notify(error.message);
          }
        } }, t('admin.retire')));
  }

  // Staff accounts
  bindForm(staffForms.invite, async (values) => {
    const body = { ...values, orgId: values.role === 'STAFF' ? values.orgId : null };
    const answer = await api.post('/api/staff', body);
    activation.show(values.username, answer);
    staffForms.invite.reset();
    until(loadStaff, () => Boolean(account(values.username)));
  });
  bindForm(staffForms.move, async ({ username, orgId }) => {
    chosen('username', username);
    await api.post(`/api/staff/${encodeURIComponent(username)}/move`, { orgId });
    notify(t('admin.staffMoved', { username }));
    staffForms.move.reset();
    until(loadStaff, () => Boolean(account(username)) && account(username).orgId === orgId);
  });

  /** A command on one account from its row; confirmed first, as it signs the account out everywhere. */
  function accountButton(entry, action, confirmKey, done) {
    return h('button', { type: 'button', class: 'button', 'data-action': action, 'data-username': entry.username,
      onclick: async (event) => {
        if (!window.confirm(t(confirmKey, { username: entry.username }))) {
          return;
        }
        const button = event.currentTarget;
        button.disabled = true;
        try {
          done(await api.post(`/api/staff/${encodeURIComponent(entry.username)}/${action}`));
        } catch (error) {
          button.disabled = false;
          notify(error.message);
        }
      } }, t(`admin.${action}`));
  }

  function staffActions(entry) {
    if (!entry.managed) {
      return h('span', { class: 'hint' }, t('admin.notManaged'));
    }
    if (entry.status === 'DEACTIVATED') {
      return '';
    }
    return h('div', { class: 'actions' },
      accountButton(entry, 'reset-credentials', 'admin.resetConfirm', (answer) => {
        activation.show(entry.username, answer);
        until(loadStaff, () => Boolean(account(entry.username)) && account(entry.username).status === 'INVITED');
      }),
      movable(entry) ? h('button', { type: 'button', class: 'button', 'data-action': 'move', 'data-username': entry.username,
        onclick: () => {
          const form = staffForms.move;
          form.querySelector('[name=username]').value = entry.username;
          form.querySelector('[name=orgId]').value = entry.orgId || '';
          form.querySelector('[name=orgId]').focus();
        } }, t('admin.move')) : null,
      // A coordinator does not deactivate themself (staff-self).
      entry.username === session.username ? null : accountButton(entry, 'deactivate', 'admin.deactivateConfirm', () => {
        notify(t('admin.staffDeactivated', { username: entry.username }));
        until(loadStaff, () => Boolean(account(entry.username)) && account(entry.username).status === 'DEACTIVATED');
      }));
  }

  renderOrgs();
  renderStaff();
  const refreshOrgs = debounce(() => { loadOrgs().catch(() => {}); }, 200);
  const refreshStaff = debounce(() => { loadStaff().catch(() => {}); }, 200);
  const stop = onBoardChange((change) => {
    if (change.kind === 'org' || change.kind === 'resync') {
      refreshOrgs();
    }
    if (change.kind === 'resync') {
      refreshStaff();
    }
  });
  await Promise.all([loadOrgs(), loadStaff()]);
  return () => {
    left = true;
    stop();
    refreshOrgs.cancel();
    refreshStaff.cancel();
  };
}

/** A part of a section, under its own heading. */
function subsection(title, id, ...content) {
  return h('section', { class: 'admin-part', id, 'aria-labelledby': `${id}-heading` }, h('h3', { id: `${id}-heading` }, title), content);
}

/** An account a coordinator can move: a staff account, managed here and not deactivated. */
function movable(account) {
  return account.managed && account.role === 'STAFF' && account.status !== 'DEACTIVATED';
}

/** Refuses, as the server would, a form sent before its organisation or account was chosen. */
function chosen(name, value) {
  if (!value) {
    throw new Problem(400, { detail: t('admin.chooseFirst'), errors: [{ field: name, message: t('admin.chooseFirst') }] });
  }
}

/** Unretired organisations by kind, after a first choice (none, or the top level). */
function orgChoices(first) {
  return [{ value: '', label: first }, ...KINDS.map((kind) => ({ group: label('orgKind', kind),
    options: orgs(kind).map((entry) => ({ value: entry.id, label: `${localName(entry)} (${entry.id})` })) }))
    .filter((group) => group.options.length > 0)];
}

/**
 * Puts new options into a select of a form, keeping what was chosen while it is still offered; the same options are
 * left as they are (a list fetched again redraws no select someone may be using).
 */
function fillSelect(select, options) {
  const signature = JSON.stringify(options);
  if (select.dataset.options === signature) {
    return;
  }
  select.dataset.options = signature;
  const kept = select.value;
  const optionOf = (option) => (option.group
    ? h('optgroup', { label: option.group }, option.options.map(optionOf))
    : h('option', { value: option.value }, option.label));
  replaceChildren(select, options.map(optionOf));
  select.value = [...select.options].some((option) => option.value === kept) ? kept : '';
}

/** A text box that hides the rows of the table below that do not contain what is typed. */
function filterBox(id, text, list) {
  const input = h('input', { type: 'search', id, class: 'choice-filter', 'aria-label': text, placeholder: text,
    oninput: () => applyFilter(list) });
  list.dataset.filter = id;
  return input;
}

function applyFilter(list) {
  const input = document.getElementById(list.dataset.filter);
  const wanted = input ? input.value.trim().toLowerCase() : '';
  list.querySelectorAll('tbody tr').forEach((row) => {
    row.hidden = Boolean(wanted) && !row.textContent.toLowerCase().includes(wanted);
  });
}

function addOrgForm() {
  return h('form', { class: 'card', id: 'org-add-form' },
    field({ name: 'id', label: t('admin.orgId'), required: true, hint: t('admin.orgIdHint'),
      attributes: { maxlength: 40, pattern: '[a-z0-9-]{2,40}', autocomplete: 'off', spellcheck: 'false' } }),
    field({ name: 'name', label: t('admin.nameZh'), required: true, attributes: { maxlength: 100 } }),
    field({ name: 'nameEn', label: t('admin.nameEn'), required: true, attributes: { maxlength: 100 } }),
    field({ name: 'kind', label: t('admin.orgKind'), kind: 'select', required: true, value: 'DEPARTMENT',
      options: KINDS.map((kind) => ({ value: kind, label: label('orgKindOne', kind) })) }),
    field({ name: 'parentId', label: t('admin.parent'), kind: 'select', options: [] }),
    submitButton(t('admin.addOrgButton')));
}

function renameOrgForm() {
  return h('form', { class: 'card', id: 'org-rename-form' },
    field({ name: 'orgId', label: t('admin.orgToChange'), kind: 'select', required: true, options: [] }),
    field({ name: 'name', label: t('admin.nameZh'), required: true, attributes: { maxlength: 100 } }),
    field({ name: 'nameEn', label: t('admin.nameEn'), required: true, attributes: { maxlength: 100 } }),
    submitButton(t('admin.renameButton')));
}

function moveOrgForm() {
  return h('form', { class: 'card', id: 'org-move-form' },
    field({ name: 'orgId', label: t('admin.orgToChange'), kind: 'select', required: true, options: [] }),
    field({ name: 'parentId', label: t('admin.newParent'), kind: 'select', options: [] }),
    submitButton(t('admin.moveButton')));
}

function inviteForm() {
  const form = h('form', { class: 'card', id: 'staff-invite-form' },
    field({ name: 'username', label: t('admin.username'), required: true, hint: t('admin.usernameHint'),
      attributes: { maxlength: 40, autocomplete: 'off', spellcheck: 'false' } }),
    field({ name: 'displayName', label: t('admin.displayName'), required: true, attributes: { maxlength: 100 } }),
    field({ name: 'role', label: t('admin.role'), kind: 'select', required: true, value: 'STAFF',
      options: ROLES.map((role) => ({ value: role, label: label('role', role) })) }),
    field({ name: 'orgId', label: t('admin.org'), kind: 'select', required: true, hint: t('admin.orgStaffOnly'), options: [] }),
    submitButton(t('admin.inviteButton')));
  // Only a staff account acts for an organisation: the others have none to choose.
  const role = form.querySelector('[name=role]');
  const orgField = form.querySelector('[data-field=orgId]');
  const sync = () => {
    orgField.hidden = role.value !== 'STAFF';
    if (orgField.hidden) {
      orgField.querySelector('select').value = '';
    }
  };
  role.addEventListener('change', sync);
  form.addEventListener('reset', () => setTimeout(sync));
  return form;
}

function moveStaffForm() {
  return h('form', { class: 'card', id: 'staff-move-form' },
    field({ name: 'username', label: t('admin.accountToMove'), kind: 'select', required: true, options: [] }),
    field({ name: 'orgId', label: t('admin.newOrg'), kind: 'select', required: true, options: [] }),
    submitButton(t('admin.moveButton')));
}

/**
 * The one-time activation link of the account just invited or reset, with its expiry and a copy button. It is shown
 * here once: the console keeps no copy of the code.
 */
function activationPanel() {
  const heading = h('h3', { id: 'activation-heading', tabindex: '-1' });
  const input = h('input', { type: 'text', id: 'activation-link', readonly: true, spellcheck: 'false' });
  const expiry = h('p', { class: 'hint', id: 'activation-expiry' });
  const copy = h('button', { type: 'button', class: 'button', id: 'activation-copy',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        notify(t('admin.copied'));
      } catch (unavailable) {
        // Without the clipboard API (a page not served over HTTPS): the link is selected for the user to copy.
        input.focus();
        input.select();
        notify(document.execCommand('copy') ? t('admin.copied') : t('admin.copyByHand'));
      }
    } }, t('admin.copy'));
  const panel = h('div', { class: 'panel activation', id: 'activation', hidden: true, 'aria-labelledby': 'activation-heading' },
    heading,
    h('p', {}, t('admin.activationHint')),
    h('div', { class: 'field' }, h('label', { for: 'activation-link' }, t('admin.activationLink')),
      h('div', { class: 'copy-line' }, input, copy)),
    expiry);
  return {
    panel,
    show(username, answer) {
      heading.textContent = t('admin.activationFor', { username });
      input.value = activationLink(username, answer.activationCode || '');
      panel.dataset.username = username;
      expiry.textContent = t('admin.activationExpires', { date: formatDateTime(answer.activationExpiresAt) });
      panel.hidden = false;
      heading.focus();
    },
  };
}
