// The blog post's language switcher: sets the widget's `locale`, which fetches that
// language's words (dist/locales/*.js, beside parley.min.js) and writes the widget again
// in it. Arabic and Hebrew turn it right to left. The choice is kept in the address
// (?locale=de), so a reload or a shared link keeps it.
(function () {
  'use strict';

  var select = document.getElementById('demo-locale');
  var widget = document.querySelector('parley-comments');
  if (!select || !widget) return;

  var params = new URLSearchParams(location.search);
  var chosen = params.get('locale');
  if (chosen && select.querySelector('option[value="' + CSS.escape(chosen) + '"]')) {
    select.value = chosen;
    widget.setAttribute('locale', chosen);
  }

  select.addEventListener('change', function () {
    if (select.value) widget.setAttribute('locale', select.value);
    else widget.removeAttribute('locale');
    var url = new URL(location.href);
    if (select.value) url.searchParams.set('locale', select.value);
    else url.searchParams.delete('locale');
    history.replaceState(history.state, '', url);
  });
})();
