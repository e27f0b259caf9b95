// The script-tag demo. On a real site the element's `endpoint` attribute is all it needs;
// this static demo has no comment server, so it hands the element an in-memory backend.
(function () {
  'use strict';

  var element = document.querySelector('parley-comments');
  if (!element) return;

  if (!window.Parley || typeof window.Parley.MemoryAdapter !== 'function') {
    var note = document.createElement('p');
    note.className = 'demo-problem';
    note.setAttribute('role', 'alert');
    note.textContent = 'Parley did not load. Build it first (npm start builds, then serves), and reload this page.';
    element.before(note);
    return;
  }

  var records = [
    {
      id: 'st1',
      parentId: null,
      author: { name: 'Priya', url: 'https://priya.example.com' },
      body: 'Two tags and it just works. I pasted it into my static site generator template.',
      createdAt: '2024-05-02T09:15:00Z',
    },
    {
      id: 'st1-1',
      parentId: 'st1',
      author: { name: 'Tom' },
      body: 'Same here.\n\nAnd when I reloaded halfway through a comment, my draft was still there.',
      createdAt: '2024-05-02T10:40:00Z',
    },
    {
      id: 'st2',
      parentId: null,
      author: { name: 'Aiko' },
      body: 'Try replying to this one.',
      createdAt: '2024-05-03T16:05:00Z',
    },
  ];

  element.adapter = new window.Parley.MemoryAdapter(records, { delay: 200 });
})();
