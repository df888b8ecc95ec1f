// Runway console: the only script besides htmx. Approval needs the evidence and checklist ticked;
// a request for changes, a rejection or a skip needs a comment. The browser then refuses to submit
// an incomplete form, and the server checks the same again.
(function () {
  'use strict';
  const COMMENT_REQUIRED = ['REQUEST_CHANGES', 'REJECT', 'SKIP'];

  function sync(form) {
    const chosen = form.querySelector('input[name="decision"]:checked');
    const decision = chosen ? chosen.value : null;
    form.querySelectorAll('[data-approve-required]').forEach(function (input) {
      input.required = decision === 'APPROVE';
    });
    const comment = form.querySelector('textarea[name="comment"]');
    if (comment) {
      comment.required = COMMENT_REQUIRED.indexOf(decision) >= 0;
    }
  }

  function syncAll(root) {
    (root || document).querySelectorAll('form[data-completion]').forEach(sync);
  }

  document.addEventListener('change', function (event) {
    const form = event.target.closest('form[data-completion]');
    if (form && event.target.name === 'decision') {
      sync(form);
    }
  });
  document.addEventListener('DOMContentLoaded', function () { syncAll(document); });
  document.addEventListener('htmx:load', function (event) { syncAll(event.detail.elt.parentNode || document); });
  // after a swap, move focus to the new content's heading or alert so keyboard and screen reader users follow
  document.addEventListener('htmx:afterSwap', function (event) {
    const target = event.detail.target;
    if (!target || target.id === 'task-list') {
      return;
    }
    const focus = document.querySelector('#form-errors, #workspace .alert-success, #panel-h');
    if (focus) {
      focus.setAttribute('tabindex', '-1');
      focus.focus();
    }
  });
})();
