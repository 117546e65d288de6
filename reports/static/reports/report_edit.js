// The report editor (templates/reports/report_edit.html): find a figure by its Chinese
// name and insert its placeholder where the cursor is, and preview the text as the report
// will print it. Without this script the page still works: the search is a form, and the
// placeholders can be copied by hand.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("report-edit-form");
  if (!form) {
    return;
  }
  const fields = Array.from(form.querySelectorAll("textarea[data-preview]"));
  let current = fields[0] || null;
  fields.forEach((field) => field.addEventListener("focus", () => { current = field; }));

  // Inserting keeps the writer's place: the placeholder replaces the selection, and the
  // cursor lands after it.
  const results = document.getElementById("figure-results");
  results.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-placeholder]");
    if (!button || !current) {
      return;
    }
    const start = current.selectionStart;
    const end = current.selectionEnd;
    current.setRangeText(button.dataset.placeholder, start, end, "end");
    current.focus();
    current.dispatchEvent(new Event("input", { bubbles: true }));
  });
  // Clicking a button would take the focus, and the cursor position with it.
  results.addEventListener("mousedown", (event) => {
    if (event.target.closest("button[data-placeholder]")) {
      event.preventDefault();
    }
  });

  const search = document.querySelector("form[data-figures-url]");
  const query = document.getElementById("figure-query");
  let searching = null;
  const find = () => {
    if (searching) {
      searching.abort();
    }
    searching = new AbortController();
    const url = `${search.dataset.figuresUrl}?q=${encodeURIComponent(query.value)}`;
    fetch(url, { signal: searching.signal, headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response)))
      .then((data) => showFigures(results, data.figures, query.value))
      .catch((error) => {
        if (error.name !== "AbortError") {
          showMessage(results, "查找失败，请稍后再试。");
        }
      });
  };
  query.addEventListener("input", debounce(find, 200));
  search.addEventListener("submit", (event) => {
    event.preventDefault();
    find();
  });

  const preview = document.getElementById("report-preview");
  const heading = form.querySelector("input[name=headline], input[name=heading]");
  let previewing = null;
  const showPreview = () => {
    if (!current) {
      return;
    }
    if (previewing) {
      previewing.abort();
    }
    previewing = new AbortController();
    const data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("kind", current.dataset.preview);
    data.append("body", current.value);
    data.append("heading", heading && current.dataset.preview !== "opening" ? heading.value : "");
    data.append("number", form.dataset.number || "1");
    fetch(form.dataset.previewUrl, { method: "POST", body: data, signal: previewing.signal })
      .then((response) => response.text().then((text) => ({ ok: response.ok, text })))
      .then(({ ok, text }) => {
        if (ok) {
          // The server renders the fragment and escapes everything the writer typed.
          preview.innerHTML = text;
        } else {
          preview.textContent = text;
        }
      })
      .catch((error) => {
        if (error.name !== "AbortError") {
          preview.textContent = "预览失败，请稍后再试。";
        }
      });
  };
  const later = debounce(showPreview, 400);
  fields.forEach((field) => {
    field.addEventListener("input", later);
    field.addEventListener("focus", later);
  });
  if (heading) {
    heading.addEventListener("input", later);
  }
  showPreview();
});

function showFigures(list, figures, query) {
  list.replaceChildren();
  if (!figures.length) {
    showMessage(list, `没有名称含“${query}”的数字。`);
    return;
  }
  for (const figure of figures) {
    const item = document.createElement("li");
    item.className = "list-group-item px-0 d-flex align-items-center gap-2";
    const text = document.createElement("span");
    text.className = "me-auto";
    const label = document.createElement("span");
    label.className = "report-figure-label";
    label.textContent = figure.label;
    const value = document.createElement("strong");
    value.textContent = figure.value;
    const code = document.createElement("code");
    code.className = "user-select-all";
    code.textContent = figure.placeholder;
    text.append(label, "：", value, document.createElement("br"), code);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-primary btn-sm";
    button.dataset.placeholder = figure.placeholder;
    button.setAttribute("aria-label", `插入“${figure.label}”`);
    button.textContent = "插入";
    item.append(text, button);
    list.append(item);
  }
}

function showMessage(list, message) {
  const item = document.createElement("li");
  item.className = "list-group-item px-0";
  item.textContent = message;
  list.replaceChildren(item);
}

function debounce(action, wait) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, wait);
  };
}
