import { api, Problem } from '../api.js';
import { h } from '../dom.js';
import { bindForm, field, submitButton } from '../forms.js';
import { t } from '../i18n.js';
import { navigate } from '../nav.js';

/**
 * Activating an account (激活账号), open without signing in: the link a coordinator handed over names the account and
 * its one-time code (#/activate?username=…&code=…); the person sets their own password, then signs in with it. The
 * console checks the code (docs/administration.md): a wrong, used or expired one is refused as it words it.
 */
const MIN_PASSWORD = 12;

export async function activateView(main, { params, session, signOut }) {
  const username = params.get('username') || '';
  const code = params.get('code') || '';
  main.append(h('h1', {}, t('activate.title')));
  if (!username || !code) {
    main.append(h('p', { class: 'error', role: 'alert', id: 'activate-incomplete' }, t('activate.incomplete')));
    return null;
  }
  const form = h('form', { class: 'card narrow', id: 'activate-form' },
    h('p', { class: 'lead' }, t('activate.intro')),
    field({ name: 'username', label: t('login.username'), value: username, id: 'activate-username',
      attributes: { readonly: true, autocomplete: 'username' } }),
    field({ name: 'password', label: t('activate.password'), kind: 'password', required: true,
      hint: t('activate.passwordHint', { min: MIN_PASSWORD }), attributes: { autocomplete: 'new-password', minlength: MIN_PASSWORD } }),
    field({ name: 'passwordAgain', label: t('activate.passwordAgain'), kind: 'password', required: true,
      attributes: { autocomplete: 'new-password', minlength: MIN_PASSWORD } }),
    session ? h('p', { class: 'hint', id: 'activate-signed-in' }, t('activate.signedIn', { user: session.username })) : null,
    submitButton(t('activate.submit')));
  bindForm(form, async ({ password, passwordAgain }) => {
    const problems = [];
    if (!password || password.length < MIN_PASSWORD) {
      problems.push({ field: 'password', message: t('activate.tooShort', { min: MIN_PASSWORD }) });
    }
    if ((password || '') !== (passwordAgain || '')) {
      problems.push({ field: 'passwordAgain', message: t('activate.mismatch') });
    }
    if (problems.length) {
      throw new Problem(400, { detail: problems[0].message, errors: problems });
    }
    await api.activate(username, code, password);
    // Done: the person signs in with the new password (whoever was signed in on this browser is signed out first).
    const next = `/login?${new URLSearchParams({ activated: username })}`;
    if (session) {
      signOut({ then: next });
    } else {
      navigate(next);
    }
  });
  main.append(form);
  return null;
}
