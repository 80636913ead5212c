// The descriptive editor's enhancements: add and remove values, reorder them by dragging or by
// keyboard, grow inputs with their text. Without this script the same form is a plain formset;
// with it, the form posts exactly the same fields (positions are filled in from the order shown).

const editor = document.querySelector(".dc-editor");

function rowsOf(group) {
  return [...group.querySelectorAll(":scope > .dc-rows > .dc-row")];
}

function field(row, name) {
  return row.querySelector(`[name="${row.dataset.prefix}-${name}"]`);
}

function label(group) {
  return group.dataset.label || "";
}

function announce(text) {
  const live = editor.querySelector(".dc-live");
  live.textContent = "";
  // A fresh text node each time, so screen readers repeat even an identical message.
  window.setTimeout(() => { live.textContent = text; }, 30);
}

// Positions follow the order shown: 0, 1, 2... per element (the server numbers them again).
function renumber(group) {
  rowsOf(group).forEach((row, index) => {
    const position = field(row, "position");
    if (position) position.value = String(index);
    const n = index + 1;
    for (const [cls, text] of [["up", "Move up"], ["down", "Move down"]]) {
      const control = row.querySelector(`.dc-${cls}`);
      if (control) control.setAttribute("aria-label", `${text}: ${label(group)} ${n}`);
    }
    const remove = row.querySelector(".dc-remove");
    if (remove) remove.setAttribute("aria-label", `${remove.textContent}: ${label(group)} ${n}`);
  });
}

// Height follows the text (CSS field-sizing would also change the width, which must stay).
function grow(textarea) {
  textarea.style.height = "auto";
  textarea.style.height = `${textarea.scrollHeight + 2}px`;
}

function move(row, step) {
  const group = row.closest(".dc-group");
  const rows = rowsOf(group);
  const index = rows.indexOf(row);
  const target = rows[index + step];
  if (!target) return;
  if (step < 0) target.before(row);
  else target.after(row);
  renumber(group);
  announce(`${label(group)}: moved to place ${index + step + 1} of ${rows.length}`);
}

function toggleRemoved(row) {
  const box = field(row, "DELETE");
  if (!box) return;
  box.checked = !box.checked;
  row.classList.toggle("dc-removed", box.checked);
  row.querySelector(".dc-remove").textContent = box.checked ? "Undo remove" : "Remove";
  renumber(row.closest(".dc-group"));
  announce(box.checked ? "Value will be removed when you save" : "Value kept");
}

function button(cls, text, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = `dc-button dc-${cls}`;
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

function enhanceRow(row) {
  const position = field(row, "position");
  if (position) {
    position.type = "hidden";
    position.closest(".dc-field").hidden = true;
  }
  const box = field(row, "DELETE");
  if (box) box.closest(".dc-field").hidden = true;
  const handle = row.querySelector(".dc-handle");
  if (row.closest(".dc-spares")) return;
  handle.hidden = false;
  handle.title = "Drag to reorder";
  const tools = document.createElement("div");
  tools.className = "dc-tools";
  tools.append(
    button("up", "↑", () => move(row, -1)),
    button("down", "↓", () => move(row, 1)),
  );
  if (box) tools.append(button("remove", "Remove", () => toggleRemoved(row)));
  row.append(tools);
  if (box && box.checked) {
    row.classList.add("dc-removed");
    row.querySelector(".dc-remove").textContent = "Undo remove";
  }
  const value = field(row, "value");
  if (value) {
    grow(value);
    value.addEventListener("input", () => grow(value));
  }
  // Dragging starts from the handle only, so text in the inputs can still be selected.
  handle.addEventListener("mousedown", () => { row.draggable = true; });
  row.addEventListener("dragend", () => {
    row.draggable = false;
    row.classList.remove("dc-dragging");
  });
}

let dragged = null;

function enableDragging() {
  editor.addEventListener("dragstart", (event) => {
    dragged = event.target.closest?.(".dc-row");
    if (!dragged) return;
    dragged.classList.add("dc-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.prefix);
  });
  editor.addEventListener("dragover", (event) => {
    const over = event.target.closest?.(".dc-row");
    if (!dragged || !over || over === dragged) return;
    if (over.closest(".dc-group") !== dragged.closest(".dc-group")) return; // within its element
    event.preventDefault();
    const box = over.getBoundingClientRect();
    if (event.clientY < box.top + box.height / 2) over.before(dragged);
    else over.after(dragged);
  });
  editor.addEventListener("drop", (event) => {
    if (!dragged) return;
    event.preventDefault();
    const group = dragged.closest(".dc-group");
    renumber(group);
    const place = rowsOf(group).indexOf(dragged) + 1;
    announce(`${label(group)}: moved to place ${place}`);
    dragged = null;
  });
}

// The language a new value starts with: the previous value's in its element, else the chosen
// collection's (or, for a saved item, the one the server proposes).
function defaultLanguage(group) {
  const rows = rowsOf(group);
  const previous = rows.length ? field(rows[rows.length - 1], "language")?.value : "";
  if (previous) return previous;
  const languages = JSON.parse(editor.dataset.collectionLanguages || "{}");
  const chosen = [...(document.querySelector("#id_collections")?.selectedOptions || [])];
  for (const option of chosen) if (languages[option.value]) return languages[option.value];
  return editor.dataset.defaultLanguage;
}

function addRow(group, after = null) {
  const prefix = editor.dataset.prefix;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const index = Number(total.value);
  const html = editor.querySelector("template.dc-empty-row").innerHTML;
  const holder = document.createElement("ol");
  holder.innerHTML = html.replaceAll("__prefix__", String(index));
  const row = holder.firstElementChild;
  field(row, "term").value = group.dataset.term;
  field(row, "language").value = defaultLanguage(group);
  const labelFor = row.querySelector(".dc-field-value label");
  if (labelFor) labelFor.textContent = label(group);
  if (after) after.after(row);
  else group.querySelector(":scope > .dc-rows").append(row);
  total.value = String(index + 1);
  enhanceRow(row);
  renumber(group);
  // Django's autocomplete (admin/js/autocomplete.js) sets up the new row's authority box.
  row.dispatchEvent(new CustomEvent("formset:added", { bubbles: true, detail: { formsetName: prefix } }));
  field(row, "value").focus();
  announce(`${label(group)}: value ${rowsOf(group).indexOf(row) + 1} added`);
  return row;
}

function enhanceGroup(group) {
  rowsOf(group).forEach(enhanceRow);
  const add = group.querySelector(":scope > .dc-add");
  if (add) {
    add.hidden = false;
    add.addEventListener("click", () => addRow(group));
  }
  renumber(group);
}

function addElement() {
  const select = editor.querySelector(".dc-add-element select");
  const term = select.value;
  if (!term) return;
  const template = editor.querySelector(`template.dc-empty-group[data-term="${term}"]`);
  const group = template.content.firstElementChild.cloneNode(true);
  editor.querySelector(".dc-spares").before(group);
  select.querySelector(`option[value="${term}"]`).remove();
  enhanceGroup(group);
  addRow(group);
}

function onKey(event) {
  const row = event.target.closest?.(".dc-row");
  if (!row || !event.altKey || row.closest(".dc-spares")) return;
  if (event.target.closest(".select2-container")) return; // the authority search owns its keys
  if (event.key === "ArrowUp" || event.key === "ArrowDown") {
    event.preventDefault();
    const focused = event.target;
    move(row, event.key === "ArrowUp" ? -1 : 1);
    focused.focus();
  } else if (event.key === "Enter") {
    event.preventDefault();
    addRow(row.closest(".dc-group"), row);
  }
}

// Django's select2 boxes (collections, authorities) name themselves after their current choice
// only, so an empty one has no accessible name; the search field of the multiple box has no
// label at all, and its list holds a non-item. Name each after its own <label>.
function nameSelect2Boxes() {
  document.querySelectorAll("select.admin-autocomplete").forEach((select) => {
    const label = document.querySelector(`label[for="${select.id}"]`);
    const box = select.parentElement.querySelector(":scope > .select2");
    if (!label || !box) return;
    label.id ||= `${select.id}-label`;
    const combo = box.querySelector(".select2-selection");
    const names = (combo?.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
    if (combo && names[0] !== label.id) {
      combo.setAttribute("aria-labelledby", [label.id, ...names].join(" "));
    }
    box.querySelector(".select2-search__field")?.setAttribute("aria-labelledby", label.id);
    box.querySelector('.select2-selection__rendered[role="textbox"]')
      ?.setAttribute("aria-labelledby", label.id);
    box.querySelectorAll("ul.select2-selection__rendered, ul.select2-selection__rendered > li")
      .forEach((node) => node.setAttribute("role", "none"));
  });
}

document.addEventListener("DOMContentLoaded", () => {
  // jQuery's ready handlers (which start select2) ran first: they were registered first.
  nameSelect2Boxes();
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => { pending = false; nameSelect2Boxes(); });
  }).observe(document.getElementById("content") || document.body, { childList: true, subtree: true });
});

if (editor && editor.querySelector(".dc-spares")) {
  editor.classList.add("dc-enhanced");
  editor.querySelectorAll(".dc-group[data-term]").forEach(enhanceGroup);
  editor.querySelectorAll(".dc-spares .dc-row").forEach(enhanceRow);
  editor.querySelector(`#${editor.dataset.prefix}-keys`).hidden = false;
  const adder = editor.querySelector(".dc-add-element");
  adder.hidden = false;
  adder.querySelector("button").addEventListener("click", addElement);
  editor.addEventListener("keydown", onKey);
  enableDragging();
  // The order shown is the order saved, whatever happened since the last renumbering.
  editor.closest("form").addEventListener("submit", () => {
    editor.querySelectorAll(".dc-group[data-term]").forEach(renumber);
  });
}
