// Chapter prose to HTML: markdown-it with shiki, `<<< path#region {1,3-5}` includes of the real code (with
// the file name and a link to the whole file), heading anchors, links between chapters and to source files,
// and runnable blocks: a fence ```KIND run [steps=N], optionally followed by a ```output fence (the output
// the block must print) or an ```error fence (the error it must stop with); and pictures: a fence
// ```KIND picture runs on its runtime at build time and the page shows the views of that real run.
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import MarkdownIt, { type PluginSimple } from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { fromHighlighter } from "@shikijs/markdown-it/core";
import type { HighlighterCore } from "shiki/core";
import { INCLUDE, regionText, regions } from "../src/course/includes.ts";
import { THEMES, highlightLines, languageOf, lineHighlights } from "./highlight.ts";
import { escapeHtml, execute, type Runtime } from "./runtime.ts";

export interface Heading {
  level: number;
  text: string;
  id: string;
}

/** A runnable block of a chapter, as the page shows it and the checks run it. */
export interface Block {
  /** The markdown file and 1-based line of the fence. */
  from: string;
  line: number;
  /** The page (relative to the site root) and the block's element id there. */
  page: string;
  id: string;
  kind: string;
  source: string;
  /** The block's own budget (steps=N), when it states one. */
  steps?: number;
  expectedOutput?: string;
  expectedError?: string;
}

/** Where the markdown's links go: the page being written, and the pages of chapters and source files. */
export interface Linker {
  /** The page being rendered, relative to the site root ("05-cpython-list/index.html"). */
  page: string;
  /** The site page of a repository file (a chapter README gives its chapter page), or undefined. */
  pageOf(repoPath: string): string | undefined;
  /** The href from the current page to a page of the site. */
  href(to: string): string;
}

export interface RenderEnv {
  root: string;
  /** The markdown file, relative to root. */
  from: string;
  linker: Linker;
  /** The runtimes there are (site/runtimes/<kind>.ts), by kind. */
  runtimes: ReadonlyMap<string, Runtime>;
  headings: Heading[];
  blocks: Block[];
  /** Repository files the page links to or includes from, which get a source page. */
  sources: Set<string>;
  /** Images the page shows, relative to root, to copy into the site. */
  assets: Set<string>;
  /** Problems that do not stop the build but fail the checks. */
  warnings: string[];
  includes: { path: string; region?: string; startLine: number }[];
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes; repeats get -1, -2. */
export function slugify(text: string, taken: Set<string>): string {
  const base = text.toLowerCase().trim().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-") || "section";
  let id = base;
  for (let n = 1; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The 1-based line a region's first line has in the whole file as its source page shows it (markers dropped). */
export function regionStartLine(text: string, region: string | undefined): number {
  if (region === undefined) return 1;
  const lines = text.split("\n");
  const marker = /^\s*(?:\/\/|#|--|;)\s*#(region|endregion)\s+([\w.-]+)\s*$/;
  let shown = 0;
  for (const line of lines) {
    const m = marker.exec(line);
    if (m && m[1] === "region" && m[2] === region) return shown + 1;
    if (!m) shown++;
  }
  return 1;
}

/** Replaces include lines by fences holding the region's text (outside other fences). */
function expandIncludes(markdown: string, env: RenderEnv): string {
  let fence = false;
  return markdown
    .split("\n")
    .map((line, i) => {
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      const m = fence ? null : INCLUDE.exec(line);
      if (!m) return line;
      const [, path, region, highlight] = m;
      let code: string;
      try {
        code = regionText(path, region, env.root);
        if (highlight) highlightLines(highlight);
      } catch (e) {
        throw new Error(`${env.from}:${i + 1}: <<< ${path}${region ? "#" + region : ""}: ${(e as Error).message}`);
      }
      const text = readFileSync(join(env.root, path), "utf8");
      regions(text, path);
      env.sources.add(path);
      env.includes.push({ path, region, startLine: regionStartLine(text, region) });
      const ticks = "`".repeat(Math.max(3, ...(code.match(/`+/g) ?? []).map((t) => t.length + 1)));
      return `${ticks}${languageOf(path)} ${highlight ? `{${highlight}} ` : ""}include:${env.includes.length - 1}\n${code}\n${ticks}`;
    })
    .join("\n");
}

const RUN = /^(\S+)\s+run\b(?:.*\bsteps=(\d+))?/;
const PICTURE = /^(\S+)\s+picture\b(?:.*\bsteps=(\d+))?/;

function inlineText(token: Token | undefined): string {
  return (token?.children ?? []).filter((t) => t.type === "text" || t.type === "code_inline").map((t) => t.content).join("");
}

/** A relative link of the markdown file, as a repository path (undefined for other links). */
function repoPath(href: string, from: string): { path: string; hash: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(href) || href === "") return undefined;
  const [path, hash = ""] = href.split("#");
  return { path: posix.normalize(posix.join(posix.dirname(from), decodeURI(path))).replace(/\/$/, ""), hash };
}

export function createMarkdown(highlighter: HighlighterCore): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  // Two copies of markdown-it's types (ours and the plugin's) differ only in private members.
  const shiki = fromHighlighter(highlighter as Parameters<typeof fromHighlighter>[0], {
    themes: THEMES,
    defaultColor: false,
    // shiki's plain text, which the type of bundled language names leaves out
    fallbackLanguage: "text" as never,
    transformers: [lineHighlights],
  }) as unknown as PluginSimple;
  md.use(shiki);

  // Heading anchors, and runnable blocks joined with their expected output.
  md.core.ruler.push("course", (state) => {
    const env = state.env as RenderEnv;
    const taken = new Set<string>();
    const tokens = state.tokens;
    tokens.forEach((t, i) => {
      if (t.type === "heading_open") {
        const text = inlineText(tokens[i + 1]);
        const id = slugify(text, taken);
        t.attrSet("id", id);
        env.headings.push({ level: Number(t.tag.slice(1)), text, id });
      }
      if (t.type !== "fence") return;
      const line = (t.map?.[0] ?? 0) + 1;
      const picture = PICTURE.exec(t.info.trim());
      if (picture) {
        t.meta = { picture: drawPicture(picture[1], t.content, picture[2] ? Number(picture[2]) : undefined, `${env.from}:${line}`, env) };
        return;
      }
      const m = RUN.exec(t.info.trim());
      if (!m) return;
      const block: Block = { from: env.from, line, page: env.linker.page, id: `run-${env.blocks.length + 1}`, kind: m[1], source: t.content.replace(/\n$/, "") };
      if (m[2]) block.steps = Number(m[2]);
      for (let j = i + 1; tokens[j]?.type === "fence" && /^(output|error)$/.test(tokens[j].info.trim()); j++) {
        const expected = tokens[j].content.replace(/\n$/, "");
        if (tokens[j].info.trim() === "output") block.expectedOutput = expected;
        else block.expectedError = expected;
        tokens[j].meta = { expected: tokens[j].info.trim() };
      }
      if (!env.runtimes.has(block.kind)) {
        env.warnings.push(`${env.from}:${line}: no runtime '${block.kind}' for a \`\`\`${block.kind} run block: add site/runtimes/${block.kind}.ts (runtimes: ${[...env.runtimes.keys()].join(", ")})`);
        return;
      }
      t.meta = { block };
      env.blocks.push(block);
    });
  });

  const rules = md.renderer.rules;
  const fence = rules.fence!;
  rules.fence = (tokens, idx, options, env: RenderEnv, self) => {
    const t = tokens[idx];
    const block = (t.meta as { block?: Block } | null)?.block;
    if (block) return renderRunnable(block, env);
    const picture = (t.meta as { picture?: string } | null)?.picture;
    if (picture !== undefined) return picture;
    const expected = (t.meta as { expected?: string } | null)?.expected;
    if (expected) return `<div class="run-expect"><div class="run-expect-label">${expected === "output" ? "Expected output" : "Expected error"}</div><pre>${escapeHtml(t.content)}</pre></div>\n`;
    const include = /\binclude:(\d+)/.exec(t.info);
    const html = fence(tokens, idx, options, env, self);
    if (!include) return html;
    const inc = env.includes[Number(include[1])];
    const page = env.linker.pageOf(inc.path)!;
    const href = `${env.linker.href(page)}#L${inc.startLine}`;
    const name = `${inc.path}${inc.region ? ` <span class="region">#${escapeHtml(inc.region)}</span>` : ""}`;
    return `<figure class="include"><figcaption><a href="${escapeHtml(href)}">${name}</a></figcaption>${html}</figure>\n`;
  };

  rules.heading_close = (tokens, idx, options, _env, self) => {
    const open = tokens[idx - 2];
    return `<a class="anchor" href="#${open.attrGet("id")}" aria-hidden="true">#</a>${self.renderToken(tokens, idx, options)}`;
  };

  const link = rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  rules.link_open = (tokens, idx, options, env: RenderEnv, self) => {
    const t = tokens[idx];
    const target = repoPath(t.attrGet("href") ?? "", env.from);
    if (target && existsSync(join(env.root, target.path))) {
      const page = env.linker.pageOf(target.path);
      if (page) {
        if (!target.path.startsWith("chapters/")) env.sources.add(target.path);
        t.attrSet("href", env.linker.href(page) + (target.hash ? `#${target.hash}` : ""));
      }
    } else if (target) env.warnings.push(`${env.from}: the link '${t.attrGet("href")}' names no file of the course`);
    return link(tokens, idx, options, env, self);
  };

  const image = rules.image!;
  rules.image = (tokens, idx, options, env: RenderEnv, self) => {
    const t = tokens[idx];
    const target = repoPath(t.attrGet("src") ?? "", env.from);
    if (target && existsSync(join(env.root, target.path))) {
      env.assets.add(target.path);
      t.attrSet("src", env.linker.href(`files/${target.path}`));
    } else if (target) env.warnings.push(`${env.from}: the image '${t.attrGet("src")}' names no file of the course`);
    return image(tokens, idx, options, env, self);
  };
  return md;
}

/** Runs a picture block at build time: the views of the run, as figures. Any error stops the build. */
function drawPicture(kind: string, source: string, steps: number | undefined, where: string, env: RenderEnv): string {
  const runtime = env.runtimes.get(kind);
  if (!runtime) throw new Error(`${where}: no runtime '${kind}' for a picture: add site/runtimes/${kind}.ts`);
  const r = execute(runtime, source.replace(/\n$/, ""), steps ?? runtime.steps);
  if (r instanceof Promise) throw new Error(`${where}: the ${kind} runtime is asynchronous; a picture is drawn at build time by a synchronous one`);
  if (r.error) throw new Error(`${where}: the ${kind} picture's run failed: ${r.error}`);
  if (r.views.length === 0) throw new Error(`${where}: the ${kind} picture's run drew nothing`);
  return r.views.map((v) => `<figure class="picture"><div class="picture-body">${v.html}</div><figcaption>${escapeHtml(v.title)}</figcaption></figure>\n`).join("");
}

function renderRunnable(block: Block, env: RenderEnv): string {
  const rows = Math.min(30, Math.max(3, block.source.split("\n").length + 1));
  const worker = env.linker.href(`assets/worker-${block.kind}.js`);
  const steps = block.steps ? ` data-steps="${block.steps}"` : "";
  return `<div class="run" id="${block.id}" data-kind="${escapeHtml(block.kind)}" data-worker="${escapeHtml(worker)}"${steps}>
<div class="run-bar"><span class="run-kind">${escapeHtml(block.kind)}</span><button type="button" class="run-go">Run</button><button type="button" class="run-stop" disabled>Stop</button><button type="button" class="run-reset">Reset</button><span class="run-status" role="status"></span></div>
<textarea class="run-src" spellcheck="false" autocomplete="off" autocapitalize="off" rows="${rows}" aria-label="${escapeHtml(block.kind)} source">${escapeHtml(block.source)}</textarea>
<div class="run-result" hidden><pre class="run-out"></pre><div class="run-views"></div></div>
</div>\n`;
}

/** Renders a chapter's markdown file; the env collects its headings, blocks, sources and warnings. */
export function renderMarkdown(md: MarkdownIt, markdown: string, env: RenderEnv): string {
  return md.render(expandIncludes(markdown, env), env);
}

export function newEnv(root: string, from: string, linker: Linker, runtimes: ReadonlyMap<string, Runtime>): RenderEnv {
  return { root, from, linker, runtimes, headings: [], blocks: [], sources: new Set(), assets: new Set(), warnings: [], includes: [] };
}

