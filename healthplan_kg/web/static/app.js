/* healthplan-kg web app: suggestions as you type, and the facts of a source text on click.
   Plain script, no framework, nothing loaded from elsewhere. */
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments, self = this;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }

  function suggest(input) {
    var box = document.createElement("ul");
    box.className = "suggestions";
    box.setAttribute("role", "listbox");
    box.hidden = true;
    var existing = input.parentNode.querySelector("ul.suggestions");
    if (existing) { box = existing; } else { input.insertAdjacentElement("afterend", box); }
    if (getComputedStyle(input.parentNode).position === "static") { input.parentNode.style.position = "relative"; }
    var items = [], selected = -1, isSearchBox = input.id === "search-box";

    function choose(item) {
      box.hidden = true;
      if (isSearchBox) { window.location.href = "/entity?iri=" + encodeURIComponent(item.entity); }
      else { input.value = item.entity; }
    }
    function show(results) {
      items = results; selected = -1; box.innerHTML = "";
      results.forEach(function (item, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.dataset.iri = item.entity;
        var kind = document.createElement("span");
        kind.className = "kind"; kind.textContent = item.kind || "";
        li.textContent = item.label + (item.matched && item.matched !== item.label ? " (" + item.matched + ")" : "");
        li.appendChild(kind);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(items[i]); });
        box.appendChild(li);
      });
      box.hidden = results.length === 0;
    }
    var fetchSuggestions = debounce(function () {
      var q = input.value.trim();
      if (q.length < 2 || /^(https?:|<|urn:)/.test(q)) { show([]); return; }
      fetch(input.dataset.suggest + "?limit=10&q=" + encodeURIComponent(q), {headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (results) { if (input.value.trim() === q) { show(results); } })
        .catch(function () { show([]); });
    }, 150);
    input.addEventListener("input", fetchSuggestions);
    input.addEventListener("blur", function () { setTimeout(function () { box.hidden = true; }, 150); });
    input.addEventListener("keydown", function (e) {
      if (box.hidden || !items.length) { return; }
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        selected = (selected + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        Array.prototype.forEach.call(box.children, function (li, i) { li.setAttribute("aria-selected", i === selected); });
      } else if (e.key === "Enter" && selected >= 0) {
        e.preventDefault(); choose(items[selected]);
      } else if (e.key === "Escape") { box.hidden = true; }
    });
  }

  function facts() {
    var data = document.getElementById("facts-data");
    if (!data) { return; }
    var rows = JSON.parse(data.textContent);
    var detail = document.getElementById("fact-detail");
    function describe(mark) {
      document.querySelectorAll("mark.active, tr.active").forEach(function (el) { el.classList.remove("active"); });
      mark.classList.add("active");
      detail.innerHTML = "";
      mark.dataset.facts.split(",").forEach(function (index) {
        var f = rows[Number(index)];
        var row = document.getElementById("fact-" + index);
        if (row) { row.classList.add("active"); }
        var p = document.createElement("p");
        var kind = document.createElement("strong");
        kind.textContent = f.fact_kind + ": ";
        p.appendChild(kind);
        if (f.entity) {
          var a = document.createElement("a");
          a.href = "/entity?iri=" + encodeURIComponent(f.entity);
          a.textContent = f.entity_label || f.entity;
          p.appendChild(a);
        }
        if (f.detail) { p.appendChild(document.createTextNode(" — " + f.detail)); }
        detail.appendChild(p);
      });
    }
    document.querySelectorAll("mark.fact").forEach(function (mark) {
      mark.addEventListener("click", function () { describe(mark); });
      mark.addEventListener("keydown", function (e) { if (e.key === "Enter") { describe(mark); } });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest]").forEach(suggest);
    facts();
  });
}());
