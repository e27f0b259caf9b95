// The long-thread demo: 240 generated comments in memory, ten top-level threads a page.
// The same seed every time, so a permalink into it names the same comment after a reload.
(function () {
  'use strict';

  var widget = document.querySelector('parley-comments');
  if (!window.Parley || typeof window.Parley.MemoryAdapter !== 'function') {
    var note = document.createElement('p');
    note.className = 'demo-problem';
    note.setAttribute('role', 'alert');
    note.textContent = 'Parley did not load. Build it first (npm start builds, then serves), and reload this page.';
    widget.before(note);
    return;
  }
  widget.adapter = new window.Parley.MemoryAdapter(generate(240), { pageSize: 10, delay: 150, id: 'long-thread-demo' });

  /** A thread of `count` comments: the first has 14 replies, the rest nest at random. */
  function generate(count) {
    var names = ['Ada', 'Bob Burg', 'Cliff', 'Dmitri', 'Eve', 'Farah', 'Gus', 'Hana', 'Ivo', 'Jason', 'Karim', 'Lena'];
    var words = 'leaders follow lead team people build trust listen learn grow serve vision example habit coach'.split(' ');
    var random = seeded(7);
    var records = [];
    var start = Date.parse('2021-03-08T09:00:00Z');
    for (var i = 0; i < count; i++) {
      var parentId = null;
      if (i > 0 && i <= 14) parentId = 'c0';
      else if (i > 14 && random() > 0.35) parentId = 'c' + (15 + Math.floor(random() * (i - 15)));
      var body = [];
      for (var w = 0, n = 8 + Math.floor(random() * 30); w < n; w++) body.push(words[Math.floor(random() * words.length)]);
      records.push({
        id: 'c' + i,
        parentId: parentId,
        author: { name: names[i % names.length] },
        body: 'Comment ' + i + ': ' + body.join(' ') + '.',
        createdAt: new Date(start + i * 37 * 60 * 1000).toISOString(),
      });
    }
    return records;
  }

  /** A small deterministic generator (mulberry32). */
  function seeded(seed) {
    return function () {
      seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
})();
