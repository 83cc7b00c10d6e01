// Progressive enhancement only: every page works without this file.
// - An error summary takes focus, so a screen reader announces it and Tab leads to the fields.
// - "Print these codes" appears where printing helps (the recovery codes).
// - A form marked data-live-results (find a child) shows its results as the worker types: the form
//   is POSTed as it would be on submit (never a name in a URL) and the server answers with the
//   results region only (header X-Haven-Fragment: results).
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  for (const button of document.querySelectorAll('.js-print')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
  for (const form of document.querySelectorAll('form[data-live-results]')) {
    const target = document.getElementById(form.dataset.liveResults);
    if (!target) continue;
    let timer = 0;
    let sent = 0;
    // Results, a 422 naming the worker's input, or a 503 with Retry-After saying that search is
    // getting ready after a restart: each is shown in the results region.
    const shown = (r) => r.ok || r.status === 422 || (r.status === 503 && r.headers.has('Retry-After'));
    const update = () => {
      const data = new URLSearchParams(new FormData(form));
      const query = (data.get('q') || '').trim();
      if (query.length < 2 && !data.get('dob')) return;
      const mine = ++sent;
      fetch(form.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Haven-Fragment': 'results' },
        body: data.toString(),
        credentials: 'same-origin',
      }).then((r) => (shown(r) ? r.text() : null))
        .then((html) => { if (html !== null && mine === sent) target.innerHTML = html; })
        .catch(() => {});
    };
    form.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(update, 250);
    });
  }
});
