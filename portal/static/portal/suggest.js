/* Typeahead for the portal's search boxes (inputs with data-suggest="<endpoint>").

   A WAI-ARIA combobox with a listbox popup, list autocomplete with manual selection, after the
   Authoring Practices example "Editable Combobox With List Autocomplete":
   https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/
   Down/Up move through the suggestions (the text box keeps focus; aria-activedescendant points
   at the option), Enter goes to the chosen item or authority page or searches its text, Escape
   closes the list (or, when closed, clears the box), a polite live region says how many
   suggestions came. Plain script without a build step, written here because the page needs a
   hundred lines, not a widget library; without it the boxes are ordinary search forms. */
(function () {
  "use strict";

  var DELAY = 200; // ms after the last keystroke before asking the server
  var MIN_LENGTH = 2; // as the service: one letter suggests nothing
  var i18n = {
    list: "Suggestions",
    none: "No suggestions.",
    one: "1 suggestion: up and down arrows to review, Enter to choose.",
    many: "%(n)s suggestions: up and down arrows to review, Enter to choose.",
    sources: {},
  };
  var words = document.getElementById("suggest-i18n");
  if (words) {
    try {
      i18n = JSON.parse(words.textContent);
    } catch (error) {
      /* keep the English defaults */
    }
  }

  /* The label is HTML-escaped text with the typed words in <mark>: parsed in an inert document
     and rebuilt from its text and marks only, so nothing else from the server becomes markup. */
  function labelNodes(label) {
    var doc = new DOMParser().parseFromString("<body>" + label, "text/html");
    var out = document.createDocumentFragment();
    Array.prototype.forEach.call(doc.body.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function Combobox(input) {
    this.input = input;
    this.endpoint = input.getAttribute("data-suggest");
    this.entries = [];
    this.active = -1;
    this.timer = null;
    this.controller = null;
    this.id = (input.id || "search") + "-suggestions";

    var wrap = document.createElement("div");
    wrap.className = "suggest-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);

    this.listbox = document.createElement("ul");
    this.listbox.id = this.id;
    this.listbox.className = "suggestions";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", i18n.list);
    this.listbox.hidden = true;
    wrap.appendChild(this.listbox);

    this.status = document.createElement("div");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.status.setAttribute("aria-atomic", "true");
    wrap.appendChild(this.status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.id);
    input.setAttribute("autocomplete", "off");

    input.addEventListener("input", this.onInput.bind(this));
    input.addEventListener("keydown", this.onKey.bind(this));
    input.addEventListener("blur", this.close.bind(this));
    // Keep the focus in the text box while an option is clicked.
    this.listbox.addEventListener("pointerdown", function (event) {
      event.preventDefault();
    });
    this.listbox.addEventListener("click", this.onClick.bind(this));
  }

  Combobox.prototype.onInput = function () {
    window.clearTimeout(this.timer);
    if (this.input.value.trim().length < MIN_LENGTH) {
      this.abort();
      this.close();
      this.entries = [];
      return;
    }
    this.timer = window.setTimeout(this.fetch.bind(this), DELAY);
  };

  Combobox.prototype.abort = function () {
    if (this.controller) {
      this.controller.abort();
      this.controller = null;
    }
  };

  Combobox.prototype.fetch = function () {
    var self = this;
    var text = this.input.value.trim();
    if (text.length < MIN_LENGTH) {
      return;
    }
    this.abort();
    var controller = (this.controller = new AbortController());
    var url = this.endpoint + "?q=" + encodeURIComponent(text);
    window
      .fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        if (self.input.value.trim() === text && document.activeElement === self.input) {
          self.show(data.suggestions || []);
        }
      })
      .catch(function () {
        /* aborted or offline: the box still searches */
      });
  };

  Combobox.prototype.show = function (entries) {
    var self = this;
    this.entries = entries;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.listbox.textContent = "";
    entries.forEach(function (entry, index) {
      var option = document.createElement("li");
      option.id = self.id + "-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(index));
      var text = document.createElement("span");
      text.className = "suggestion-text";
      text.setAttribute("dir", "auto");
      text.appendChild(labelNodes(entry.label || entry.text));
      var source = document.createElement("span");
      source.className = "suggestion-source";
      source.textContent = i18n.sources[entry.source] || entry.source;
      option.appendChild(text);
      option.appendChild(document.createTextNode(" "));
      option.appendChild(source);
      self.listbox.appendChild(option);
    });
    if (entries.length) {
      this.open();
    } else {
      this.close();
    }
    this.announce(
      entries.length === 0
        ? i18n.none
        : entries.length === 1
          ? i18n.one
          : i18n.many.replace("%(n)s", String(entries.length))
    );
  };

  Combobox.prototype.announce = function (message) {
    this.status.textContent = message;
  };

  Combobox.prototype.open = function () {
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Combobox.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.select(-1);
  };

  Combobox.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  Combobox.prototype.select = function (index) {
    var options = this.listbox.querySelectorAll('[role="option"]');
    Array.prototype.forEach.call(options, function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    this.active = index;
    if (index >= 0 && options[index]) {
      this.input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Combobox.prototype.move = function (step) {
    var count = this.entries.length;
    if (!count) {
      return;
    }
    if (!this.isOpen()) {
      this.open();
    }
    var next = this.active + step;
    if (this.active < 0 && step < 0) {
      next = count - 1;
    }
    this.select((next + count) % count);
  };

  Combobox.prototype.choose = function (index) {
    var entry = this.entries[index];
    if (!entry) {
      return;
    }
    this.input.value = entry.text;
    this.close();
    if (entry.portal_url) {
      window.location.assign(entry.portal_url);
    } else if (this.input.form) {
      if (this.input.form.requestSubmit) {
        this.input.form.requestSubmit();
      } else {
        this.input.form.submit();
      }
    }
  };

  Combobox.prototype.onKey = function (event) {
    if (event.altKey && event.key !== "ArrowDown") {
      return;
    }
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!this.entries.length) {
          window.clearTimeout(this.timer);
          this.fetch();
        } else if (event.altKey) {
          this.open();
        } else {
          this.move(1);
        }
        break;
      case "ArrowUp":
        if (this.entries.length) {
          event.preventDefault();
          this.move(-1);
        }
        break;
      case "Enter":
        if (this.isOpen() && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        } else {
          this.close();
        }
        break;
      case "Escape":
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = "";
          this.entries = [];
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  Combobox.prototype.onClick = function (event) {
    var option = event.target.closest('[role="option"]');
    if (option) {
      this.choose(Number(option.getAttribute("data-index")));
    }
  };

  function start() {
    if (!window.fetch || !window.DOMParser || !window.AbortController) {
      return; // an old browser keeps the plain search box
    }
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), function (input) {
      new Combobox(input);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
