/* html_check.js — run by e2e_html_browser.sh in headless Chromium: a
   harness page (written by the test) loads memline html's page in an
   iframe, sets window.REPORT (the JSON report the page was made from) and
   window.EXPECT ({title, and which sections to find; noscript: the
   iframe is sandboxed without scripts, so the index must read in its
   printed order and have no sort buttons}); amounts are in bytes
   (--unit B --precision 0). On the frame's load it calls htmlCheck(frame). Every check prints "ok NAME" or "not ok NAME: why"
   into #out; the test fails on any "not ok". */
"use strict";

function htmlCheck(frame) {
  var out = [];
  var d = frame.contentDocument;
  var R = window.REPORT, E = window.EXPECT;

  function check(name, cond, why) { out.push((cond ? "ok " : "not ok ") + name + (cond ? "" : ": " + why)); }
  function amount(v) { return v + " B"; }
  /* What the page shows for a source line: controls as Control Pictures,
     C1 controls as U+FFFD (the JSON already has U+FFFD for bad bytes). */
  function shown(text) {
    return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, function (c) {
      return String.fromCharCode(0x2400 + (c === "\u007f" ? 0x21 : c.charCodeAt(0)));
    }).replace(/[\u0080-\u009f]/g, "\ufffd");
  }
  function cells(row) { return Array.prototype.map.call(row.cells, function (c) { return c.textContent; }); }

  try {
    check("one script", d.querySelectorAll("script").length === 1, d.querySelectorAll("script").length + " scripts");
    if (E.noscript)
      check("no script ran", d.querySelectorAll("th button").length === 0, "sort buttons exist");
    check("title", d.title === E.title && d.querySelector("h1").textContent === E.title, JSON.stringify(d.title));
    check("nothing external", d.querySelectorAll("[src], link, object, embed, img, iframe").length === 0, "found");
    var sections = d.querySelectorAll("section.fn");
    check("a table per function", sections.length === R.functions.length, sections.length + " of " + R.functions.length);

    var bad = [], rows = 0;
    R.functions.forEach(function (fn, i) {
      var sec = d.getElementById("f" + i);
      if (!sec || sec.querySelector("h3").textContent !== fn.name + "()") { bad.push("f" + i + " heading"); return; }
      var ran = {};
      fn.lines.forEach(function (l) { ran[l.line] = l; });
      for (var line = fn.first_line; line <= fn.last_line; line++) {
        var row = d.getElementById("f" + i + "L" + line), l = ran[line];
        var text = fn.source ? fn.source[line - fn.first_line] : l.text;
        rows++;
        if (!row) { bad.push(fn.name + ":" + line + " missing"); continue; }
        var c = cells(row);
        if (c[c.length - 1] !== shown(text)) bad.push(fn.name + ":" + line + " text " + JSON.stringify(c[c.length - 1]));
        if (row.querySelector("td.src *")) bad.push(fn.name + ":" + line + " markup in the text");
        if (!l) {
          if (!row.classList.contains("nr") || c.length !== 3 || c[0] !== String(line)) bad.push(fn.name + ":" + line + " should not have run");
          continue;
        }
        var want = [String(line), amount(l.mem_usage), amount(l.increment), String(l.occurrences),
                    amount(l.peak), String(l.allocs), String(l.frees)];
        ["leaked", "at_peak", "lost"].forEach(function (k) { if (k in l) want.push(amount(l[k])); });
        want.push(shown(l.text));
        if (c.join("|") !== want.join("|")) bad.push(fn.name + ":" + line + " is " + c.join("|") + ", expected " + want.join("|"));
      }
    });
    check("every line's numbers (" + rows + " lines)", bad.length === 0, bad.slice(0, 5).join("; "));

    var index = d.getElementById("index-table"), body = index.tBodies[0];
    check("index lists every function", body.rows.length === R.functions.length, body.rows.length + " rows");
    var wrong = Array.prototype.filter.call(body.rows, function (row) {
      var i = Number(row.getAttribute("data-o")), fn = R.functions[i];
      return row.cells[0].textContent !== fn.name || row.cells[0].querySelector("a").getAttribute("href") !== "#f" + i ||
             row.cells[2].textContent !== String(fn.calls);
    });
    check("index rows name and link their function", wrong.length === 0, wrong.length + " wrong");

    var heads = index.tHead.rows[0].cells;
    function column(col, numeric) {
      return Array.prototype.map.call(body.rows, function (row) {
        var v = row.cells[col].getAttribute("data-v");
        return numeric ? Number(v) : row.cells[col].textContent;
      });
    }
    function ordered(v, descending) {
      for (var k = 1; k < v.length; k++) if (descending ? v[k - 1] < v[k] : v[k - 1] > v[k]) return false;
      return true;
    }
    check("printed by net change", ordered(column(3, true), true), column(3, true).join(","));
    Array.prototype.forEach.call(E.noscript ? [] : heads, function (th, col) {
      var kind = th.getAttribute("data-sort"), button = th.querySelector("button");
      if (!kind) return;
      if (!button) { check("sort button " + col, false, "none"); return; }
      var numeric = kind === "number", name = th.textContent;
      button.click();
      var first = th.getAttribute("aria-sort") === (numeric ? "descending" : "ascending") &&
                  ordered(column(col, numeric), numeric);
      button.click();
      var second = ordered(column(col, numeric), !numeric);
      check("sort by " + name, first && second, column(col, numeric).slice(0, 8).join(","));
    });
    if (E.timeline)
      check("timeline chart", d.querySelectorAll("#timeline svg .curve").length > 0, "no curve");
    if (E.types)
      check("types table", d.querySelectorAll("#types tbody tr").length === R.types.length, "rows");
    if (E.leaks)
      check("leaks table", d.querySelectorAll("#leaks tbody tr").length === R.leaks.length, "rows");
  } catch (e) {
    out.push("not ok exception: " + e + " " + e.stack);
  }
  document.getElementById("out").textContent = out.join("\n") + "\n";
}
