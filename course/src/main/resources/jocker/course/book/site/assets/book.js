// The web book's behaviour, on every page: the light/dark toggle, the menu on
// narrow screens, copy buttons on listings (console transcripts copy their
// commands only), and a table of contents that follows the reader.
// Plain JavaScript, no libraries; everything it needs is in the page.
(function () {
  'use strict';
  var root = document.documentElement;
  var body = document.body;

  // --- Light or dark -------------------------------------------------------
  var themeToggle = document.querySelector('.theme-toggle');
  function theme() {
    var chosen = root.getAttribute('data-theme');
    if (chosen) {
      return chosen;
    }
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  function labelThemeToggle() {
    var dark = theme() === 'dark';
    themeToggle.setAttribute('aria-pressed', dark ? 'true' : 'false');
    themeToggle.title = dark ? 'Dark mode is on: switch to light' : 'Switch to dark mode';
  }
  if (themeToggle) {
    labelThemeToggle();
    themeToggle.addEventListener('click', function () {
      var next = theme() === 'dark' ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      try {
        localStorage.setItem('jocker-theme', next);
      } catch (e) {
        // Not remembered, but switched for this page.
      }
      labelThemeToggle();
    });
  }

  // --- The menu on narrow screens ------------------------------------------
  var menuToggle = document.querySelector('.menu-toggle');
  var sidebar = document.getElementById('sidebar');
  function setMenu(open) {
    body.classList.toggle('nav-open', open);
    if (menuToggle) {
      menuToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
  }
  if (menuToggle && sidebar) {
    menuToggle.addEventListener('click', function () {
      setMenu(!body.classList.contains('nav-open'));
    });
    sidebar.addEventListener('click', function (event) {
      if (event.target.closest('a')) {
        setMenu(false);
      }
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        setMenu(false);
      }
    });
  }

  // "/" jumps to the search box, as on many documentation sites.
  var quickSearch = document.querySelector('.quick-search input');
  document.addEventListener('keydown', function (event) {
    var typing = event.target.closest && event.target.closest('input, textarea, select, [contenteditable]');
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var box = document.getElementById('search-input') || quickSearch;
      if (box) {
        event.preventDefault();
        box.focus();
      }
    }
  });

  // --- Copy buttons --------------------------------------------------------
  // A console transcript copies its commands, one per line, without the
  // prompts and without the output; any other listing copies its text.
  function textToCopy(pre) {
    if (pre.classList.contains('console')) {
      return Array.prototype.map.call(pre.querySelectorAll('.cmd'), function (cmd) {
        return cmd.textContent;
      }).join('\n');
    }
    var copy = pre.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll('.conum'), function (callout) {
      callout.remove();
    });
    return copy.textContent;
  }
  function writeClipboard(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      body.appendChild(area);
      area.select();
      var done = false;
      try {
        done = document.execCommand('copy');
      } catch (e) {
        done = false;
      }
      area.remove();
      if (done) {
        resolve();
      } else {
        reject(new Error('copy refused'));
      }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('.listingblock > .content, .literalblock > .content'),
    function (box) {
      var pre = box.querySelector('pre');
      if (!pre) {
        return;
      }
      var console = pre.classList.contains('console');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.textContent = 'Copy';
      button.title = console ? 'Copy the commands (without prompts and output)' : 'Copy the listing';
      button.addEventListener('click', function () {
        writeClipboard(textToCopy(pre)).then(function () {
          button.textContent = 'Copied';
        }, function () {
          button.textContent = 'Select and press Ctrl+C';
        });
        window.setTimeout(function () {
          button.textContent = 'Copy';
        }, 2000);
      });
      box.appendChild(button);
    });

  // For the build's browser check (BrowserCheck), which compares what a
  // transcript's button copies with the commands the build found in it.
  window.jockerBook = { textToCopy: textToCopy };

  // --- The table of contents follows the reader ----------------------------
  // The section whose heading was passed last is the current one: its entry
  // (and the entries above it) get the class "active", and the contents
  // scroll so that it is in sight.
  if (sidebar) {
    var entries = [];
    Array.prototype.forEach.call(sidebar.querySelectorAll('.toc a[href^="#"]'), function (link) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
      if (target) {
        entries.push({ link: link, heading: target });
      }
    });
    entries.sort(function (a, b) {
      return a.heading.compareDocumentPosition(b.heading) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    var active = null;
    var pending = false;
    var topbar = document.querySelector('.topbar');
    var update = function () {
      pending = false;
      var line = (topbar ? topbar.offsetHeight : 0) + 24;
      var current = entries.length ? entries[0] : null;
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].heading.getBoundingClientRect().top <= line) {
          current = entries[i];
        } else {
          break;
        }
      }
      // At the very end of the page the last section is current, however short.
      if (entries.length && window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
        current = entries[entries.length - 1];
      }
      if (!current || current === active) {
        return;
      }
      Array.prototype.forEach.call(sidebar.querySelectorAll('li.active'), function (li) {
        li.classList.remove('active');
      });
      Array.prototype.forEach.call(sidebar.querySelectorAll('a.active'), function (a) {
        a.classList.remove('active');
      });
      current.link.classList.add('active');
      for (var li = current.link.parentElement; li && li !== sidebar; li = li.parentElement) {
        if (li.tagName === 'LI') {
          li.classList.add('active');
        }
      }
      active = current;
      var linkBox = current.link.getBoundingClientRect();
      var barBox = sidebar.getBoundingClientRect();
      if (linkBox.top < barBox.top + 8 || linkBox.bottom > barBox.bottom - 8) {
        sidebar.scrollTop += linkBox.top - barBox.top - barBox.height / 3;
      }
    };
    window.addEventListener('scroll', function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    }, { passive: true });
    window.addEventListener('resize', update);
    window.addEventListener('hashchange', update);
    update();
  }
})();
