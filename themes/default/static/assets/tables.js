/* tiendo tables: progressive enhancement. Without this script every table and list is shown
   in full, in the report's order. With it, column headers of `table.sortable` sort the rows,
   and the goals of a year can be filtered by group and by completion. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;

  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col] ? a.cells[col].getAttribute("data-sort") || a.cells[col].textContent.trim() : "";
          var y = b.cells[col] ? b.cells[col].getAttribute("data-sort") || b.cells[col].textContent.trim() : "";
          var c = x.localeCompare(y, lang, { numeric: true });
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  var box = document.querySelector("[data-goal-filter]");
  if (!box) return;
  var groups = Array.prototype.slice.call(box.querySelectorAll("[data-group]"));
  var goals = Array.prototype.slice.call(box.querySelectorAll("[data-bucket]"));
  var status = document.createElement("p");
  status.className = "small";
  status.setAttribute("role", "status");
  function select(label, options) {
    var wrap = document.createElement("label");
    wrap.className = "filter";
    wrap.appendChild(document.createTextNode(label + " "));
    var s = document.createElement("select");
    options.forEach(function (o) {
      var opt = document.createElement("option");
      opt.value = o[0];
      opt.textContent = o[1];
      s.appendChild(opt);
    });
    wrap.appendChild(s);
    return { wrap: wrap, select: s };
  }
  var all = box.getAttribute("data-label-all");
  var groupOptions = [["", all]].concat(groups.map(function (g) { return [g.getAttribute("data-group"), g.getAttribute("data-name")]; }));
  var seen = {};
  var bucketOptions = [["", all]];
  goals.forEach(function (g) {
    var key = g.getAttribute("data-bucket");
    if (!seen[key]) { seen[key] = true; bucketOptions.push([key, g.getAttribute("data-bucket-label")]); }
  });
  var byGroup = select(box.getAttribute("data-label-group"), groupOptions);
  var byBucket = select(box.getAttribute("data-label-bucket"), bucketOptions);
  var form = document.createElement("div");
  form.className = "filters";
  form.appendChild(byGroup.wrap);
  form.appendChild(byBucket.wrap);
  form.appendChild(status);
  box.insertBefore(form, box.firstChild);
  function apply() {
    var g = byGroup.select.value, b = byBucket.select.value, shown = 0;
    groups.forEach(function (group) {
      var visible = 0;
      group.querySelectorAll("[data-bucket]").forEach(function (goal) {
        var ok = (!g || group.getAttribute("data-group") === g) && (!b || goal.getAttribute("data-bucket") === b);
        goal.hidden = !ok;
        if (ok) visible++;
      });
      group.hidden = visible === 0;
      shown += visible;
    });
    status.textContent = box.getAttribute("data-label-count").replace("{n}", shown).replace("{total}", goals.length);
  }
  byGroup.select.addEventListener("change", apply);
  byBucket.select.addEventListener("change", apply);
})();
