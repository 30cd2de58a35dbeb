// The HTML around the content: one layout (header with the theme toggle, a sidebar, prev/next links) and
// the home page's course map. Every href is relative, so the site works from any folder or address.
import type { Chapter } from "../src/course/course.ts";
import type { Heading } from "./markdown.ts";
import { escapeHtml } from "./runtime.ts";

export const SITE_TITLE = "Virtual Machines from the Source";

/** Sets the theme before the first paint: the reader's choice if they made one, else the system's. */
const THEME_SCRIPT = `try{var t=localStorage.getItem("theme");if(t==="dark"||t==="light")document.documentElement.dataset.theme=t}catch(e){}`;

export interface PageLink {
  href: string;
  title: string;
}

export interface LayoutOptions {
  title: string;
  /** href from this page to the site root's files ("../" on a chapter page, "" on the home page). */
  base: string;
  body: string;
  /** The sidebar: the chapter list, and this page's table of contents. */
  nav?: string;
  toc?: Heading[];
  prev?: PageLink;
  next?: PageLink;
}

export function layout(o: LayoutOptions): string {
  const toc = o.toc && o.toc.length
    ? `<nav class="toc" aria-label="On this page"><div class="toc-title">On this page</div><ul>${o.toc.map((h) => `<li class="toc-${h.level}"><a href="#${h.id}">${escapeHtml(h.text)}</a></li>`).join("")}</ul></nav>`
    : "";
  const pager = o.prev || o.next
    ? `<nav class="pager" aria-label="Previous and next">${o.prev ? `<a class="prev" rel="prev" href="${o.prev.href}">← ${escapeHtml(o.prev.title)}</a>` : "<span></span>"}${o.next ? `<a class="next" rel="next" href="${o.next.href}">${escapeHtml(o.next.title)} →</a>` : ""}</nav>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${o.base}assets/site.css">
<script>${THEME_SCRIPT}</script>
<script defer src="${o.base}assets/page.js"></script>
</head>
<body>
<header class="top"><a class="home" href="${o.base}index.html">${SITE_TITLE}</a><button type="button" class="theme-toggle" aria-label="Switch between light and dark theme" title="Switch between light and dark theme">◐</button></header>
<div class="frame">
${o.nav || toc ? `<aside class="side">${o.nav ?? ""}${toc}</aside>` : ""}
<main>
${o.body}
${pager}
</main>
</div>
</body>
</html>
`;
}

/** The kind of VM a chapter is about: the hardware chapters are those of KVM, QEMU and KubeVirt. */
export function vmKind(chapter: Chapter): "hardware" | "language" {
  return /kvm|qemu|kubevirt|hardware/.test(chapter.slug) ? "hardware" : "language";
}

export const KINDS = {
  hardware: {
    title: "Hardware virtual machines",
    text: "A guest runs on a virtual CPU: KVM runs its instructions on the real processor, QEMU's main loop serves its devices, KubeVirt wires its network inside a Kubernetes pod.",
  },
  language: {
    title: "Language virtual machines",
    text: "A program runs on an interpreter: Lua 5.4's register machine with its opcodes, closures and upvalues, and CPython's list underneath every Python program.",
  },
} as const;

export interface ChapterCard {
  chapter: Chapter;
  href: string;
  exercisesHref?: string;
  points: number;
}

export function homeBody(cards: ChapterCard[], readme: string): string {
  const groups = (["hardware", "language"] as const).map((kind) => {
    const mine = cards.filter((c) => vmKind(c.chapter) === kind);
    const items = mine.map((c) => {
      const n = c.chapter.exercises.length;
      const ex = n ? `<a href="${c.exercisesHref}">${n} exercise${n === 1 ? "" : "s"}, ${c.points} points</a>` : "no exercises yet";
      return `<li class="card"><a class="card-title" href="${c.href}"><span class="num">${c.chapter.number}</span> ${escapeHtml(c.chapter.title.replace(/^Chapter \d+:\s*/, ""))}</a><p>${escapeHtml(c.chapter.summary)}</p><p class="card-ex">${ex}</p></li>`;
    });
    return `<section class="kind" id="${kind}"><h2>${KINDS[kind].title}</h2><p>${KINDS[kind].text}</p>${items.length ? `<ul class="cards">${items.join("")}</ul>` : ""}</section>`;
  });
  const begin = `<section class="begin" id="begin"><h2>How to begin</h2><p>Read a chapter, run its examples in the page, then write its exercises in your copy of the course and grade them:</p>
<pre><code>npm run learn                    # the next exercise, graded each time you save
npm run grade                    # every exercise: a table of points
npm run grade -- 05              # one chapter</code></pre></section>`;
  return `<h1>${SITE_TITLE}</h1>\n${readme}\n<div class="map">${groups.join("\n")}</div>\n${begin}`;
}
