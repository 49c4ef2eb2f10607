import { api } from './api.js';
import { h, replaceChildren } from './dom.js';
import { bindForm, field, submitButton } from './forms.js';
import { label, loadLanguage, otherLanguage, t } from './i18n.js';

/** The public evaluation page of a one-time link (/evaluate/{token}): no login, made for a phone. */
const VERDICTS = ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'];
const token = decodeURIComponent(location.pathname.split('/').pop());
const main = document.getElementById('main');
const header = document.getElementById('header');
let voted = false;

function render() {
  const language = otherLanguage();
  document.title = t('vote.title');
  replaceChildren(header, h('span', { class: 'brand' }, t('app.name')),
    h('div', { class: 'header-tools' }, h('button', { type: 'button', class: 'button', id: 'language-switch', lang: language,
      onclick: async () => { await loadLanguage(language); render(); } }, t('language.switch'))));
  if (voted) {
    replaceChildren(main, h('h1', { tabindex: '-1' }, t('vote.thanksTitle')), h('p', { role: 'status', id: 'vote-done' }, t('vote.thanks')));
    return;
  }
  const form = h('form', { class: 'card narrow', id: 'vote-form' },
    field({ name: 'verdict', label: t('vote.question'), kind: 'radios', required: true,
      options: VERDICTS.map((value) => ({ value, label: label('verdict', value) })) }),
    field({ name: 'comment', label: t('vote.comment'), kind: 'textarea', attributes: { maxlength: 1000 } }),
    submitButton(t('vote.submit')));
  bindForm(form, async (values) => {
    await api.vote(token, values);
    voted = true;
    render();
    main.querySelector('h1').focus();
  });
  replaceChildren(main, h('h1', { tabindex: '-1' }, t('vote.title')), h('p', { class: 'lead' }, t('vote.intro')), form);
}

await loadLanguage();
render();
