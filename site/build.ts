// Builds the course site into site/dist: the home page with the course map, a page per chapter, a page
// per chapter's exercises, a page per source file the prose includes or links to, the stylesheet, the
// page script and one Web Worker per runtime. Chapters and runtimes are discovered, never listed.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import type { HighlighterCore } from "shiki/core";
import { ROOT, loadCourse, type Chapter, type Exercise } from "../src/course/course.ts";
import { suitePoints } from "../src/course/grading.ts";
import { regionText } from "../src/course/includes.ts";
import { goalOf, hints } from "../src/course/learn.ts";
import { cachedHighlighter, createHighlight, highlightCode, languageOf, lineIds } from "./highlight.ts";
import { createMarkdown, newEnv, renderMarkdown, slugify, type Block, type Heading, type Linker, type RenderEnv } from "./markdown.ts";
import { SITE_TITLE, homeBody, layout, type ChapterCard, type PageLink } from "./pages.ts";
import { escapeHtml, type Runtime } from "./runtime.ts";

export const SITE_DIR = dirname(fileURLToPath(import.meta.url));
export const DIST = join(SITE_DIR, "dist");
/** Where builds keep what they highlighted, for the next build. */
const CACHE_DIR = join(ROOT, "node_modules", ".cache", "course-site");

/**
 * The runtimes, kind -> file: site/runtimes/<kind>.ts of the project, and of the course being built when it
 * is another one (a test course brings its own).
 */
export function runtimeFiles(root = ROOT): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of new Set([join(SITE_DIR, "runtimes"), join(root, "site", "runtimes")])) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()) files.set(f.slice(0, -3), join(dir, f));
  }
  return files;
}

/** The runtime of a kind (the module its worker is built from). */
export async function loadRuntime(kind: string, root = ROOT): Promise<Runtime> {
  const file = runtimeFiles(root).get(kind);
  if (!file) throw new Error(`no runtime '${kind}': add site/runtimes/${kind}.ts`);
  return ((await import(pathToFileURL(file).href)) as { default: Runtime }).default;
}

export interface BuildOptions {
  /** The course to build (its chapters/, exercises/, solutions/, src/); the project by default. */
  root?: string;
  out?: string;
  /** Whether to use the highlight cache (true by default). */
  cache?: boolean;
}

export interface Site {
  out: string;
  /** Every page written, relative to out. */
  pages: string[];
  /** The chapter pages, in course order. */
  chapters: string[];
  blocks: Block[];
  /** The course built. */
  root: string;
  /** Problems that do not stop the build (a block with no runtime, a link to no file); the checks fail on them. */
  warnings: string[];
  seconds: number;
}

const chapterPage = (slug: string) => `${slug}/index.html`;
const exercisesPage = (slug: string) => `${slug}/exercises.html`;
const sourcePage = (path: string) => `source/${path}.html`;

function linker(root: string, page: string): Linker {
  return {
    page,
    pageOf(path) {
      const chapter = /^chapters\/(\d\d-[a-z0-9-]+)(?:\/README\.md)?$/.exec(path);
      if (chapter && existsSync(join(root, "chapters", chapter[1], "README.md"))) return chapterPage(chapter[1]);
      const full = join(root, path);
      return existsSync(full) && statSync(full).isFile() ? sourcePage(path) : undefined;
    },
    href(to) {
      return posix.relative(posix.dirname(page), to) || posix.basename(to);
    },
  };
}

function baseOf(page: string): string {
  return "../".repeat(page.split("/").length - 1);
}

/** The course's chapter list for the sidebar, with the current page marked. */
function navOf(course: Chapter[], page: string, l: Linker): string {
  const items = course.map((c) => {
    const current = page === chapterPage(c.slug) || page === exercisesPage(c.slug);
    const ex = c.exercises.length ? ` · <a href="${l.href(exercisesPage(c.slug))}">exercises</a>` : "";
    return `<li${current ? ' class="current"' : ""}><a href="${l.href(chapterPage(c.slug))}">${c.number} ${escapeHtml(c.title.replace(/^Chapter \d+:\s*/, ""))}</a>${ex}</li>`;
  });
  return `<nav aria-label="Chapters"><div class="nav-title">Chapters</div><ul>${items.join("")}</ul></nav>`;
}

function pointsOf(root: string, e: Exercise): number {
  return existsSync(join(root, e.suite)) ? suitePoints(join(root, e.suite)) : 0;
}

export async function buildSite(options: BuildOptions = {}): Promise<Site> {
  const started = performance.now();
  const root = resolve(options.root ?? ROOT);
  const out = options.out ?? DIST;
  const files = runtimeFiles(root);
  const bundling = bundle(out, files);
  const runtimes = new Map(await Promise.all([...files.keys()].map(async (k) => [k, await loadRuntime(k, root)] as const)));
  const fresh = await createHighlight();
  const cache = options.cache === false ? undefined : cachedHighlighter(fresh, join(CACHE_DIR, `highlight-${createHash("sha1").update(root).digest("hex").slice(0, 12)}.json`));
  const highlighter = cache?.highlighter ?? fresh;
  const md = createMarkdown(highlighter);
  const course = loadCourse(root);
  const pages = new Map<string, string>();
  const blocks: Block[] = [];
  const warnings: string[] = [];
  /** Source files with a page of their own, and the pages that show or link to them. */
  const sources = new Map<string, Set<string>>();
  const assets = new Set<string>();
  const collect = (env: RenderEnv) => {
    blocks.push(...env.blocks);
    warnings.push(...env.warnings);
    env.sources.forEach((s) => sources.set(s, (sources.get(s) ?? new Set()).add(env.linker.page)));
    env.assets.forEach((a) => assets.add(a));
  };

  // The reading order: each chapter, then its exercises.
  const order: PageLink[] = course.flatMap((c) => [
    { href: chapterPage(c.slug), title: `${c.number} ${c.title.replace(/^Chapter \d+:\s*/, "")}` },
    ...(c.exercises.length ? [{ href: exercisesPage(c.slug), title: `${c.number} Exercises` }] : []),
  ]);
  const neighbours = (page: string, l: Linker) => {
    const i = order.findIndex((p) => p.href === page);
    const at = (j: number) => (order[j] ? { href: l.href(order[j].href), title: order[j].title } : undefined);
    return { prev: i > 0 ? at(i - 1) : { href: l.href("index.html"), title: "The course map" }, next: at(i + 1) };
  };

  const headingsOf = new Map<string, Heading[]>();
  for (const c of course) {
    const page = chapterPage(c.slug);
    const l = linker(root, page);
    const env = newEnv(root, c.readme, l, runtimes);
    const body = renderMarkdown(md, readFileSync(join(root, c.readme), "utf8"), env);
    collect(env);
    headingsOf.set(c.slug, env.headings);
    const exercises = c.exercises.length ? `<p class="to-exercises"><a href="${l.href(exercisesPage(c.slug))}">The exercises of this chapter: ${c.exercises.length}, with their hints and solutions</a></p>` : "";
    const toc = env.headings.filter((h) => h.level === 2 || h.level === 3);
    pages.set(page, layout({ title: `${c.title} · ${SITE_TITLE}`, base: baseOf(page), body: body + exercises, nav: navOf(course, page, l), toc, ...neighbours(page, l) }));
  }

  for (const c of course.filter((c) => c.exercises.length)) {
    const page = exercisesPage(c.slug);
    const l = linker(root, page);
    const env = newEnv(root, `exercises/${c.slug}`, l, runtimes);
    const taken = new Set<string>(["exercises"]);
    const parts = c.exercises.map((e) => exerciseSection(e, root, l, env, md, highlighter, headingsOf.get(c.slug) ?? [], taken));
    collect(env);
    const toc = c.exercises.map((e, i) => ({ level: 2, text: e.name, id: parts[i].id }));
    const body = `<h1 id="exercises">${escapeHtml(c.title)}: exercises</h1>
<p>Each exercise is a piece of the working module in <code>exercises/${c.slug}/</code>. Write it, then grade it with the command shown; the suite runs the whole module with your piece inside it. The hints go from a nudge to nearly the answer; open them one at a time.</p>
${parts.map((p) => p.html).join("\n")}`;
    pages.set(page, layout({ title: `${c.title}: exercises · ${SITE_TITLE}`, base: baseOf(page), body, nav: navOf(course, page, l), toc, ...neighbours(page, l) }));
  }

  const titles = new Map(order.map((p) => [p.href, p.title]));
  for (const [path, from] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    const page = sourcePage(path);
    const l = linker(root, page);
    const code = highlightCode(highlighter, regionText(path, undefined, root), languageOf(path), [lineIds]);
    const shownIn = [...from].filter((p) => titles.has(p)).map((p) => `<a href="${l.href(p)}">${escapeHtml(titles.get(p)!)}</a>`);
    const body = `<h1>${escapeHtml(path)}</h1>${shownIn.length ? `<p class="shown-in">Shown in ${shownIn.join(", ")}.</p>` : ""}<div class="source">${code}</div>`;
    pages.set(page, layout({ title: `${path} · ${SITE_TITLE}`, base: baseOf(page), body, nav: navOf(course, page, l) }));
  }

  {
    const l = linker(root, "index.html");
    const readme = existsSync(join(root, "README.md")) ? readFileSync(join(root, "README.md"), "utf8") : "";
    const intro = readme.split(/\n## /)[0].replace(/^# .*\n/, "");
    const env = newEnv(root, "README.md", l, runtimes);
    const cards: ChapterCard[] = course.map((c) => ({
      chapter: c,
      href: l.href(chapterPage(c.slug)),
      exercisesHref: l.href(exercisesPage(c.slug)),
      points: c.exercises.reduce((sum, e) => sum + pointsOf(root, e), 0),
    }));
    const body = homeBody(cards, renderMarkdown(md, intro, env));
    collect(env);
    const first = order[0];
    pages.set("index.html", layout({ title: SITE_TITLE, base: "", body, next: first ? { href: first.href, title: first.title } : undefined }));
  }

  cache?.save();
  rmSync(out, { recursive: true, force: true });
  for (const [page, html] of pages) {
    mkdirSync(dirname(join(out, page)), { recursive: true });
    writeFileSync(join(out, page), html);
  }
  for (const a of assets) {
    mkdirSync(dirname(join(out, "files", a)), { recursive: true });
    copyFileSync(join(root, a), join(out, "files", a));
  }
  mkdirSync(join(out, "assets"), { recursive: true });
  copyFileSync(join(SITE_DIR, "style.css"), join(out, "assets", "site.css"));
  await bundling.then((files) => files.forEach(([name, bytes]) => writeFileSync(join(out, "assets", name), bytes)));
  return {
    out,
    pages: [...pages.keys()].sort(),
    chapters: course.map((c) => chapterPage(c.slug)),
    blocks,
    root,
    warnings,
    seconds: (performance.now() - started) / 1000,
  };
}

function exerciseSection(e: Exercise, root: string, l: Linker, env: RenderEnv, md: ReturnType<typeof createMarkdown>, highlighter: HighlighterCore, chapterHeadings: Heading[], taken: Set<string>): { id: string; html: string } {
  const id = slugify(e.name, taken);
  const stated = goalOf(e).goal;
  const goal = stated.charAt(0).toUpperCase() + stated.slice(1);
  const section = /The chapter section: "([^"]+)"/.exec(e.header)?.[1];
  const heading = section ? chapterHeadings.find((h) => h.text === section) : undefined;
  if (section && !heading) env.warnings.push(`${e.exercise}: its header names the chapter section "${section}", which ${e.chapter}'s README has no heading for`);
  const points = pointsOf(root, e);
  const hintsFile = e.exercise.replace(/\.[a-z]+$/, ".hints.md");
  const hintsHtml = hints(e, root).map((h) => md.render(h, newEnv(root, hintsFile, l, new Map())));
  const file = (path: string) => {
    env.sources.add(path);
    return `<a href="${l.href(sourcePage(path))}"><code>${escapeHtml(path)}</code></a>`;
  };
  const solution = existsSync(join(root, e.solution))
    ? `<details class="reveal solution"><summary>Show the solution</summary>${highlightCode(highlighter, regionText(e.solution, undefined, root), languageOf(e.solution))}</details>`
    : "";
  const command = highlightCode(highlighter, `npm run grade -- ${e.id}`, "shellscript");
  return {
    id,
    html: `<section class="exercise"><h2 id="${id}">${escapeHtml(e.name)}<a class="anchor" href="#${id}" aria-hidden="true">#</a></h2>
<p>${escapeHtml(goal)}${/[.!?]$/.test(goal) ? "" : "."} <strong>${points} point${points === 1 ? "" : "s"}.</strong></p>
<p>Your file: ${file(e.exercise)}. Its graded suite: ${existsSync(join(root, e.suite)) ? file(e.suite) : `<code>${escapeHtml(e.suite)}</code>`}.${heading ? ` Read first: <a href="${l.href(chapterPage(e.chapter))}#${heading.id}">${escapeHtml(heading.text)}</a>.` : ""}</p>
<p>Grade it:</p>
${command}
${hintsHtml.map((h, i) => `<details class="reveal hint"><summary>Hint ${i + 1}</summary>${h}</details>`).join("\n")}
${solution}
</section>`,
  };
}

/**
 * A module of the working code may import Node's built-ins for what only its command line does (a UDP
 * socket, a child process); in a worker each becomes a stub that throws when it is used, naming it.
 */
const nodeStubs: esbuild.Plugin = {
  name: "node-stubs",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "node-stub" }));
    b.onLoad({ filter: /.*/, namespace: "node-stub" }, (args) => ({
      loader: "js",
      contents: `module.exports = new Proxy({}, { get: (_, name) => () => { throw new Error(${JSON.stringify(args.path)} + "." + String(name) + " is not available in the browser"); } });`,
    }));
  },
};

const common: esbuild.BuildOptions = { bundle: true, minify: true, format: "iife", target: "es2022", write: false, legalComments: "none", logLevel: "silent", plugins: [nodeStubs] };

/** The esbuild options of the worker of one runtime (the bundle size test builds it the same way). */
export function workerOptions(kind: string, file: string, out = DIST): esbuild.BuildOptions {
  return {
    ...common,
    stdin: { contents: `import runtime from ${JSON.stringify(file)};\nimport { serve } from "./client/worker.ts";\nserve(runtime);\n`, resolveDir: SITE_DIR, loader: "ts", sourcefile: `worker-${kind}.ts` },
    outfile: join(out, "assets", `worker-${kind}.js`),
  };
}

/** The page script and one worker per runtime, minified: [file name, contents]. */
async function bundle(out: string, runtimes: Map<string, string>): Promise<[string, Uint8Array][]> {
  const results = await Promise.all([
    esbuild.build({ ...common, entryPoints: [join(SITE_DIR, "client", "page.ts")], outfile: join(out, "assets", "page.js") }),
    ...[...runtimes].map(([kind, file]) => esbuild.build(workerOptions(kind, file, out))),
  ]);
  return results.flatMap((r) => r.outputFiles!.map((f): [string, Uint8Array] => [posix.basename(f.path), f.contents]));
}
