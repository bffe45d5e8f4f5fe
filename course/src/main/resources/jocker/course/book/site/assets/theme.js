// Runs in <head>, before the page is drawn: applies the reader's saved choice
// of light or dark (book.js saves it), so that the page does not flash in the
// other one. Without a saved choice the system's setting decides (book.css).
(function () {
  'use strict';
  try {
    var theme = localStorage.getItem('jocker-theme');
    if (theme === 'dark' || theme === 'light') {
      document.documentElement.setAttribute('data-theme', theme);
    }
  } catch (e) {
    // No localStorage (a private window, or storage turned off): follow the system.
  }
})();
