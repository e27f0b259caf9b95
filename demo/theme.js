// The theming demo: two themed widgets with a short in-memory thread each, and the
// stylesheet that themes them shown as text (fetched, so the page can never show
// different CSS from the one it uses).
(function () {
  'use strict';

  showStylesheet(document.getElementById('theme-css-source'), 'theme.css');

  var widgets = document.querySelectorAll('parley-comments');
  if (!window.Parley || typeof window.Parley.MemoryAdapter !== 'function') {
    var note = document.createElement('p');
    note.className = 'demo-problem';
    note.setAttribute('role', 'alert');
    note.textContent = 'Parley did not load. Build it first (npm start builds, then serves), and reload this page.';
    document.querySelector('.theme-grid').before(note);
    return;
  }

  widgets.forEach(function (element) {
    element.adapter = new window.Parley.MemoryAdapter(sampleThread(), { delay: 200 });
  });

  /** A fresh copy per widget, so a comment posted in one does not show in the other. */
  function sampleThread() {
    return [
      {
        id: 't1',
        parentId: null,
        author: { name: 'Mary G', url: 'https://maryg.example.com' },
        body: 'Knowledge is nothing without experience.\n\nThank you for this post!',
        createdAt: '2021-03-10T01:54:00Z',
      },
      {
        id: 't1-1',
        parentId: 't1',
        author: { name: 'Cliff' },
        body: 'Agreed. Referrals are the best way to get your business built right.',
        createdAt: '2021-03-10T08:20:00Z',
      },
      {
        id: 't2',
        parentId: null,
        author: { name: 'Daniel' },
        body: 'I do think there is leadership potential in every single person.',
        createdAt: '2021-03-10T13:37:00Z',
      },
    ];
  }

  /** Puts a stylesheet's source into an element, as text. */
  function showStylesheet(target, href) {
    if (!target) return;
    fetch(href)
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.text();
      })
      .then(function (css) {
        target.textContent = css;
      })
      .catch(function (error) {
        target.textContent = 'Could not load ' + href + ' (' + error.message + ').';
      });
  }
})();
