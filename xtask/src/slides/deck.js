// Navigation and speaker notes for the HTML deck. No library, no network.
//
// Keys: right, down, page down, space: next slide; left, up, page up: previous; Home, End;
// s: the notes window (a pane over the slide when the browser refuses a window); t: restart
// the talk's clock. The slide number is in the address (#12), so a reload stays put.
(() => {
  "use strict";
  const WIDTH = 1280;
  const HEIGHT = 720;
  const slides = Array.from(document.querySelectorAll(".slide"));
  const meta = JSON.parse(document.getElementById("deck-meta").textContent);
  const deckElement = document.getElementById("deck");
  const pane = document.getElementById("notes-pane");
  let current = 0;
  let notesWindow = null;
  // The talk's clock starts when the presenter first opens the notes.
  let started = null;

  function fit() {
    const scale = Math.min(window.innerWidth / WIDTH, window.innerHeight / HEIGHT);
    deckElement.style.setProperty("--scale", String(scale));
  }

  function fromHash() {
    const number = parseInt(window.location.hash.slice(1), 10);
    return Number.isInteger(number) ? number - 1 : 0;
  }

  function go(index) {
    const next = Math.max(0, Math.min(slides.length - 1, index));
    slides[current].classList.remove("current");
    slides[next].classList.add("current");
    current = next;
    const hash = "#" + (current + 1);
    if (window.location.hash !== hash) {
      history.replaceState(null, "", hash);
    }
    renderNotes();
    return current;
  }

  function clock(seconds) {
    const minutes = Math.floor(seconds / 60);
    const rest = Math.floor(seconds % 60);
    return minutes + ":" + String(rest).padStart(2, "0");
  }

  function element(doc, tag, className, text) {
    const node = doc.createElement(tag);
    node.className = className;
    node.textContent = text;
    return node;
  }

  // The notes of the current slide, the clock against the part's planned minutes, the next
  // slide's title.
  function fillNotes(doc, root) {
    const here = meta[current];
    const next = meta[current + 1];
    const elapsed = started === null ? 0 : (Date.now() - started) / 1000;
    const head = element(doc, "div", "notes-head", "");
    head.append(
      element(doc, "span", "", "Slide " + (current + 1) + " / " + slides.length + " · " +
        here.part + " (minutes " + here.start + "–" + here.end + ")"),
      element(doc, "span", "notes-clock" + (elapsed / 60 > here.end ? " late" : ""),
        clock(elapsed) + " elapsed"),
    );
    root.replaceChildren(
      head,
      element(doc, "div", "notes-title", here.title),
      element(doc, "div", "notes-text", here.notes),
      element(doc, "div", "notes-next", next ? "Next: " + next.title : "Last slide"),
      element(doc, "div", "notes-keys", "→ / space next · ← previous · Home / End · t restarts the clock · " + here.source),
    );
  }

  function notesWindowOpen() {
    return notesWindow !== null && !notesWindow.closed;
  }

  function renderNotes() {
    if (notesWindowOpen()) {
      fillNotes(notesWindow.document, notesWindow.document.body);
    }
    if (!pane.hidden) {
      fillNotes(document, pane);
    }
  }

  function openNotes() {
    if (started === null) {
      started = Date.now();
    }
    if (notesWindowOpen() || !pane.hidden) {
      closeNotes();
      return;
    }
    notesWindow = window.open("", "deck-notes", "width=960,height=640");
    if (notesWindow) {
      const doc = notesWindow.document;
      doc.title = "Notes: " + document.title;
      // The deck's own styles (the notes classes among them), then the window's page.
      const style = doc.createElement("style");
      style.textContent = document.querySelector("style").textContent +
        "html, body { height: auto; overflow: auto; } body { margin: 0; padding: 20px 28px; " +
        "background: #0b0f14; color: #f1f4f8; font: 24px/1.45 'DejaVu Sans', Helvetica, Arial, sans-serif; }";
      doc.head.append(style);
      doc.addEventListener("keydown", onKey);
    } else {
      pane.hidden = false;
    }
    renderNotes();
  }

  function closeNotes() {
    if (notesWindowOpen()) {
      notesWindow.close();
    }
    notesWindow = null;
    pane.hidden = true;
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    switch (event.key) {
      case "ArrowRight":
      case "ArrowDown":
      case "PageDown":
      case " ":
        go(current + 1);
        break;
      case "ArrowLeft":
      case "ArrowUp":
      case "PageUp":
        go(current - 1);
        break;
      case "Home":
        go(0);
        break;
      case "End":
        go(slides.length - 1);
        break;
      case "s":
      case "S":
        openNotes();
        break;
      case "t":
        started = Date.now();
        renderNotes();
        break;
      case "Escape":
        pane.hidden = true;
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  // What the browser test drives and reads.
  window.deck = {
    count: () => slides.length,
    current: () => current,
    go,
    notesOpen: () => notesWindowOpen() || !pane.hidden,
    notesText: () => (notesWindowOpen() ? notesWindow.document.body.innerText : pane.innerText),
    closeNotes,
  };

  document.addEventListener("keydown", onKey);
  window.addEventListener("resize", fit);
  window.addEventListener("hashchange", () => go(fromHash()));
  window.setInterval(() => {
    if (started !== null) {
      renderNotes();
    }
  }, 1000);
  fit();
  go(fromHash());
})();
