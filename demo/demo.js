// The blog-post demo: feeds the seed thread to <parley-comments> through a MemoryAdapter.
// A classic script (not a module) because it runs after dist/parley.min.js, which sets
// window.Parley; an import map for bare-module imports would need an inline script, and
// this page is served with a CSP that forbids one.
(function () {
  'use strict';

  var element = document.querySelector('parley-comments');
  if (!element) return;

  if (!window.Parley || typeof window.Parley.MemoryAdapter !== 'function') {
    showProblem(element, 'Parley did not load. Build it first (npm start builds, then serves), and reload this page.');
    return;
  }

  fetch('seed-comments.json')
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(function (records) {
      // The delay makes the loading state visible, as a real backend would.
      element.adapter = new window.Parley.MemoryAdapter(records, { delay: 300 });
    })
    .catch(function (error) {
      showProblem(element, 'The demo comments could not be loaded (' + error.message + ').');
    });

  /** Shows a setup problem next to the widget; text only, never HTML. */
  function showProblem(target, message) {
    var note = document.createElement('p');
    note.className = 'demo-problem';
    note.setAttribute('role', 'alert');
    note.textContent = message;
    target.before(note);
  }
})();
