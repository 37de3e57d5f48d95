/* memline html — sorting of the index of functions. The page needs no
   script to be read: without it the index stays in its printed order (net
   change, largest first). Each sortable header gets a button; a click
   sorts by that column, largest first, a second click reverses. Cells
   carry their exact value in data-v. */
(function () {
  "use strict";
  var table = document.getElementById("index-table");
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;

  function value(row, col, numeric) {
    var cell = row.cells[col];
    var v = cell.getAttribute("data-v");
    if (v === null) v = cell.textContent;
    return numeric ? Number(v) : v;
  }

  function sortBy(col, numeric, descending) {
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) {
      return { row: row, key: value(row, col, numeric), order: Number(row.getAttribute("data-o")) || i };
    });
    keyed.sort(function (a, b) {
      var c = numeric ? a.key - b.key : (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
      if (descending) c = -c;
      return c || a.order - b.order;
    });
    var frag = document.createDocumentFragment();
    keyed.forEach(function (k) { frag.appendChild(k.row); });
    body.appendChild(frag);
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    heads[col].setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  Array.prototype.forEach.call(heads, function (th, col) {
    var kind = th.getAttribute("data-sort");
    if (!kind) return;
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var numeric = kind === "number";
      var now = th.getAttribute("aria-sort");
      var descending = now ? now !== "descending" : numeric;
      sortBy(col, numeric, descending);
    });
  });
})();
