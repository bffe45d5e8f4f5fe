// The search page: looks the words of ?q= (or of the box, as you type) up in
// the index that the build made (search-index.js, window.JOCKER_SEARCH) and
// lists the sections that contain all of them, best first, each with the
// passages where they occur. Plain JavaScript, nothing leaves the page.
(function () {
  'use strict';
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var data = window.JOCKER_SEARCH;
  var MAX_RESULTS = 50;
  var MAX_PASSAGES = 2;
  if (!input || !status || !list) {
    return;
  }
  if (!data) {
    status.textContent = 'The search index (assets/search-index.js) did not load.';
    return;
  }
  var sections = data.sections;
  var blocks = data.blocks;
  var titles = sections.map(function (s) { return s.t.toLowerCase(); });
  var texts = blocks.map(function (b) { return b[1].toLowerCase(); });
  var bySection = sections.map(function () { return []; });
  blocks.forEach(function (block, i) { bySection[block[0]].push(i); });

  function wordsOf(query) {
    return query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
  }

  // Every section that holds every word (in its title or its text), scored:
  // words in the title count most, then passages that hold all the words.
  function search(words) {
    var results = [];
    for (var s = 0; s < sections.length; s++) {
      var title = titles[s];
      var found = words.map(function (w) { return title.indexOf(w) >= 0; });
      var inTitle = found.filter(Boolean).length;
      var passages = [];
      bySection[s].forEach(function (b) {
        var text = texts[b];
        var count = 0;
        words.forEach(function (w, k) {
          if (text.indexOf(w) >= 0) {
            count++;
            found[k] = true;
          }
        });
        if (count > 0) {
          passages.push({ block: b, count: count });
        }
      });
      if (!found.every(Boolean)) {
        continue;
      }
      var score = inTitle * 20;
      passages.forEach(function (p) {
        score += p.count === words.length ? 3 : 1;
      });
      passages.sort(function (a, b) { return b.count - a.count || a.block - b.block; });
      results.push({ section: s, score: score, passages: passages.slice(0, MAX_PASSAGES) });
    }
    results.sort(function (a, b) { return b.score - a.score || a.section - b.section; });
    return results;
  }

  // The text around the first word found, with every word marked.
  function passage(text, words) {
    var lower = text.toLowerCase();
    var first = text.length;
    words.forEach(function (w) {
      var at = lower.indexOf(w);
      if (at >= 0 && at < first) {
        first = at;
      }
    });
    var start = Math.max(0, first - 70);
    var end = Math.min(text.length, first + 190);
    var fragment = document.createDocumentFragment();
    if (start > 0) {
      fragment.appendChild(document.createTextNode('\u2026'));
    }
    var piece = text.slice(start, end).replace(/\s+/g, ' ');
    var pieceLower = piece.toLowerCase();
    var i = 0;
    while (i < piece.length) {
      var next = -1;
      var length = 0;
      words.forEach(function (w) {
        var at = pieceLower.indexOf(w, i);
        if (at >= 0 && (next < 0 || at < next || at === next && w.length > length)) {
          next = at;
          length = w.length;
        }
      });
      if (next < 0) {
        fragment.appendChild(document.createTextNode(piece.slice(i)));
        break;
      }
      fragment.appendChild(document.createTextNode(piece.slice(i, next)));
      var mark = document.createElement('mark');
      mark.textContent = piece.slice(next, next + length);
      fragment.appendChild(mark);
      i = next + length;
    }
    if (end < text.length) {
      fragment.appendChild(document.createTextNode('\u2026'));
    }
    return fragment;
  }

  function show(query) {
    var words = wordsOf(query);
    list.textContent = '';
    if (words.length === 0) {
      status.textContent = 'Type a word, a command or a name: the sections that contain all the words are listed here.';
      return;
    }
    var results = search(words);
    if (results.length === 0) {
      status.textContent = 'No section contains \u201c' + query.trim() + '\u201d.';
      return;
    }
    status.textContent = (results.length === 1 ? '1 section contains' : results.length + ' sections contain')
      + ' \u201c' + query.trim() + '\u201d' + (results.length > MAX_RESULTS ? '; the first ' + MAX_RESULTS + ':' : ':');
    results.slice(0, MAX_RESULTS).forEach(function (result) {
      var section = sections[result.section];
      var item = document.createElement('li');
      item.className = 'search-result';
      var heading = document.createElement('a');
      heading.className = 'search-result-title';
      heading.href = section.u;
      heading.textContent = section.t;
      item.appendChild(heading);
      if (section.c !== section.t) {
        var where = document.createElement('span');
        where.className = 'search-result-page';
        where.textContent = section.c;
        item.appendChild(where);
      }
      result.passages.forEach(function (p) {
        var block = blocks[p.block];
        var line = document.createElement('a');
        line.className = 'search-result-passage';
        line.href = block[2] || section.u;
        line.appendChild(passage(block[1], words));
        item.appendChild(line);
      });
      list.appendChild(item);
    });
  }

  var query = new URLSearchParams(window.location.search).get('q') || '';
  input.value = query;
  show(query);
  var timer = null;
  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      show(input.value);
      var url = input.value.trim() ? '?q=' + encodeURIComponent(input.value.trim()) : window.location.pathname;
      try {
        window.history.replaceState(null, '', url);
      } catch (e) {
        // Some browsers refuse to change a file:// address; the results are shown all the same.
      }
    }, 120);
  });
  if (!query) {
    input.focus();
  }
})();
