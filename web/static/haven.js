// Progressive enhancement only: every page works without this file.
// - An error summary takes focus, so a screen reader announces it and Tab leads to the fields.
// - "Print these codes" appears where printing helps (the recovery codes).
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  for (const button of document.querySelectorAll('.js-print')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
});
