// isnad html report: the tooltip, the speaker filter and keyboard moves between claims.
// Everything it shows is set with textContent, never as markup.
(() => {
  "use strict";
  const tip = document.getElementById("tip");
  const CLAIM = "mark.claim";
  const DATE = ".timex";

  // The content element of the claim a cue or mention belongs to (its first one).
  function claimOf(el) {
    const article = el.closest("article");
    const first = (el.dataset.claim || "").split(" ")[0];
    return article && first ? document.getElementById(article.id + "-" + first) : null;
  }

  // What a claim, a date, or a claim's cue or mention is about: rows of [label, value].
  function rows(el) {
    const d = el.dataset;
    if (el.matches(DATE)) {
      // Durations and recurrences have no place on the calendar: their TIMEX3 value says
      // how long ("P2Y") or how often ("XXXX-WXX-1").
      if (d.timex === "duration" || d.timex === "set") {
        const out = [[d.timex === "duration" ? "Duration" : "Recurrence", d.timex3 || "(unknown)"]];
        const claim = el.closest(CLAIM);
        if (claim) out.push(["In a claim by", claim.dataset.speaker]);
        return out;
      }
      const out = [["Date", d.value || "(open start)"]];
      if (d.timex === "interval") {
        if (d.from) out.push(["From", d.from]);
        if (d.to) out.push(["Until (not included)", d.to]);
      }
      out.push(["Grain", d.grain]);
      if (d.calendar && d.calendar !== "gregorian") out.push(["Written in", d.calendar + " calendar"]);
      const claim = el.closest(CLAIM);
      if (claim) out.push(["In a claim by", claim.dataset.speaker]);
      return out;
    }
    const claim = el.matches(CLAIM) ? el : claimOf(el);
    if (!claim) return [];
    const c = claim.dataset;
    const out = [["Speaker", c.speaker], ["Kind", c.kind], ["Act", c.act]];
    out.push(["Cue", c.cue], ["Medium", c.medium || "none named"], ["Date", c.date], ["Confidence", c.confidence]);
    if (c.block === "related") out.push(["Block", "related-article list (page furniture)"]);
    return out;
  }

  // The element the tooltip is about, to follow it when the page scrolls.
  let current = null;

  function show(el) {
    const lines = rows(el);
    if (!lines.length) return hide();
    current = el;
    tip.replaceChildren();
    for (const [label, value] of lines) {
      const row = document.createElement("div");
      const b = document.createElement("b");
      b.textContent = label + ": ";
      const v = document.createElement("bdi");
      v.textContent = value;
      row.append(b, v);
      tip.append(row);
    }
    tip.hidden = false;
    const r = el.getClientRects()[0] || el.getBoundingClientRect();
    const w = tip.offsetWidth, h = tip.offsetHeight;
    let top = r.bottom + 6;
    if (top + h > window.innerHeight - 4) top = Math.max(4, r.top - h - 6);
    // Under the element's start: its left edge in left-to-right text, its right edge in Arabic.
    const start = getComputedStyle(el).direction === "rtl" ? r.right - w : r.left;
    const left = Math.min(Math.max(4, start), Math.max(4, window.innerWidth - w - 4));
    tip.style.top = top + "px";
    tip.style.left = left + "px";
    el.setAttribute("aria-describedby", "tip");
  }

  function hide() {
    tip.hidden = true;
    current = null;
  }

  const target = (e) => (e.target instanceof Element ? e.target.closest(DATE + "," + CLAIM + ",.cue,.mention") : null);
  document.addEventListener("mouseover", (e) => {
    const el = target(e);
    if (el) show(el);
    else if (!(document.activeElement && document.activeElement.matches(DATE + "," + CLAIM))) hide();
  });
  document.addEventListener("focusin", (e) => {
    const el = target(e);
    if (el) show(el);
    else hide();
  });
  // Scrolling moves the tooltip with its element, and hides it once the element is out of view.
  window.addEventListener(
    "scroll",
    () => {
      if (!current) return;
      const r = current.getBoundingClientRect();
      if (r.bottom < 0 || r.top > window.innerHeight) hide();
      else show(current);
    },
    { passive: true },
  );

  // Showing one speaker's claims (key "" shows all).
  function filter(article, key) {
    article.classList.toggle("filtering", key !== "");
    for (const el of article.querySelectorAll("[data-entity]")) {
      el.classList.toggle("chosen", key !== "" && el.dataset.entity === key);
    }
    for (const el of article.querySelectorAll(CLAIM + "[id]")) {
      el.tabIndex = key === "" || el.dataset.entity === key ? 0 : -1;
    }
    for (const b of article.querySelectorAll("button.who")) {
      b.setAttribute("aria-pressed", String(b.dataset.filter === key));
    }
  }
  document.addEventListener("click", (e) => {
    const b = e.target instanceof Element ? e.target.closest("button.who") : null;
    if (b) filter(b.closest("article"), b.dataset.filter);
  });

  // j / k: the next or previous claim that is shown, across articles.
  function move(step) {
    const claims = [...document.querySelectorAll(CLAIM + "[id]")].filter((c) => c.tabIndex >= 0);
    if (!claims.length) return;
    const at = claims.indexOf(document.activeElement);
    let next;
    if (at >= 0) next = claims[at + step];
    else {
      // From no claim: the first one below (or above) the top of the window.
      const below = claims.findIndex((c) => c.getBoundingClientRect().top >= 0);
      next = step > 0 ? claims[below < 0 ? claims.length - 1 : below] : claims[Math.max(0, (below < 0 ? claims.length : below) - 1)];
    }
    if (next) {
      next.focus({ preventScroll: true });
      next.scrollIntoView({ block: "center" });
      show(next);
    }
  }
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.target instanceof Element && e.target.closest("input, textarea, select, [contenteditable]")) return;
    if (e.key === "j" || e.key === "k") {
      e.preventDefault();
      move(e.key === "j" ? 1 : -1);
    } else if (e.key === "Escape") {
      hide();
      for (const a of document.querySelectorAll("article.filtering")) filter(a, "");
    }
  });
})();
