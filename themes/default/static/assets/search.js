/* tiendo search: progressive enhancement. Without this script the search page shows a notice
   and the site stays fully browsable. Downloads only the index shards a query needs. */
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  if (!root || !window.fetch || !String.prototype.normalize) return;
  var base = root.getAttribute("data-index");
  var form = root.querySelector("form");
  var input = root.querySelector("input[type=search]");
  var out = root.querySelector("[data-results]");
  var status = root.querySelector("[data-status]");
  var nojs = root.querySelector("[data-nojs]");
  var siteRoot = root.getAttribute("data-root");
  var cache = {};
  form.hidden = false;
  if (nojs) nojs.hidden = true;

  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    return cache[path];
  }
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function words(s) {
    return s.toLowerCase().normalize("NFC").match(/[\p{L}\p{N}]+/gu) || [];
  }
  function shardKey(f) {
    var k = Array.from(f).slice(0, 2).join("");
    return /^[a-z0-9]+$/.test(k) ? k : "u" + f.codePointAt(0).toString(16);
  }

  async function search(q) {
    var ws = words(q);
    if (!ws.length) return null;
    var meta = await get("meta.json");
    var scores = null;
    for (var i = 0; i < ws.length; i++) {
      var w = ws[i], f = fold(w), last = i === ws.length - 1;
      var key = shardKey(f);
      var found = new Map();
      if (meta.shards.indexOf(key) >= 0) {
        var shard = await get("s/" + key + ".json");
        Object.keys(shard).forEach(function (folded) {
          var whole = folded === f;
          if (!whole && !(last && f.length >= 2 && folded.indexOf(f) === 0)) return;
          var spellings = shard[folded];
          Object.keys(spellings).forEach(function (sp) {
            // An exact spelling (with its tone marks) ranks above a folded match.
            var bonus = sp === w ? 1.5 : 1;
            var factor = (whole ? 1 : 0.6) * bonus;
            spellings[sp].forEach(function (p) {
              var v = p[1] * factor;
              if (!found.has(p[0]) || found.get(p[0]) < v) found.set(p[0], v);
            });
          });
        });
      }
      if (scores === null) {
        scores = found;
      } else {
        var both = new Map();
        found.forEach(function (v, d) { if (scores.has(d)) both.set(d, scores.get(d) + v); });
        scores = both;
      }
      if (!scores.size) break;
    }
    var ranked = Array.from(scores.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    var top = ranked.slice(0, 20);
    // Fetch the record chunks of the results in parallel.
    var records = await Promise.all(top.map(function (t) {
      var d = t[0];
      return get("d/" + Math.floor(d / meta.chunk) + ".json").then(function (chunk) { return chunk[d % meta.chunk]; });
    }));
    return { meta: meta, records: records, total: ranked.length };
  }

  function label(meta, key) {
    return (meta.labels && meta.labels[key]) || key;
  }
  function show(result, q) {
    out.textContent = "";
    if (!result) { status.textContent = ""; return; }
    var meta = result.meta;
    status.textContent = label(meta, "count").replace("{n}", result.total).replace("{q}", q);
    result.records.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = siteRoot + r[4];
      a.textContent = r[3];
      var p = document.createElement("p");
      p.className = "small";
      var bits = [label(meta, "type_" + r[0])];
      if (r[1]) bits.push(String(r[1]));
      if (r[2]) bits.push(label(meta, "status_" + r[2]));
      p.textContent = bits.join(" · ");
      li.appendChild(a);
      li.appendChild(p);
      out.appendChild(li);
    });
  }
  var timer = null, seq = 0;
  function run() {
    var q = input.value.trim();
    var mine = ++seq;
    search(q).then(function (r) { if (mine === seq) show(r, q); }).catch(function () {
      status.textContent = root.getAttribute("data-error");
    });
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  var params = new URLSearchParams(location.search);
  if (params.get("q")) { input.value = params.get("q"); run(); }
})();
