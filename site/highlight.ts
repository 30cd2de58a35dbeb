// Syntax highlighting at build time with shiki: only the languages the course uses, a light and a dark
// theme in one pass (CSS variables pick one), and line highlights written `{1,3-5}`. Highlighting is the
// slow part of a build, so what was highlighted is kept in a cache between builds.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createHighlighterCore, type HighlighterCore, type ShikiTransformer } from "shiki/core";
import { createOnigurumaEngine } from "shiki/engine/oniguruma";

export const THEMES = { light: "github-light", dark: "github-dark" } as const;

/** File extensions and fence names of the languages the course uses, to shiki's names. */
const LANGUAGES: Record<string, string> = {
  ts: "typescript", typescript: "typescript", c: "c", h: "c", s: "asm", asm: "asm", x86: "asm",
  lua: "lua", py: "python", python: "python", sh: "shellscript", bash: "shellscript", shell: "shellscript",
  json: "json", xml: "xml", svg: "xml", md: "markdown", markdown: "markdown",
};

/** The shiki language of a file name or fence name; "text" when the course does not highlight it. */
export function languageOf(nameOrExt: string): string {
  const ext = nameOrExt.includes(".") ? nameOrExt.slice(nameOrExt.lastIndexOf(".") + 1) : nameOrExt;
  return LANGUAGES[ext.toLowerCase()] ?? "text";
}

/** The 1-based line numbers of a highlight spec "1,3-5". */
export function highlightLines(spec: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (spec ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const [a, b = a] = part.split("-").map(Number);
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b < a) throw new Error(`bad line highlight '${spec}': write it as {1,3-5}`);
    for (let i = a; i <= b; i++) out.add(i);
  }
  return out;
}

/** Marks the lines named by a `{1,3-5}` in the fence's info string with the class "hl". */
export const lineHighlights: ShikiTransformer = {
  name: "course:line-highlights",
  line(node, line) {
    const raw = (this.options.meta as { __raw?: string } | undefined)?.__raw ?? "";
    const spec = /\{([\d,\s-]+)\}/.exec(raw)?.[1];
    if (spec && highlightLines(spec).has(line)) this.addClassToHast(node, "hl");
  },
};

/** Gives each line an id L<n>, so a link can point at it (the whole-file source pages). */
export const lineIds: ShikiTransformer = {
  name: "course:line-ids",
  line(node, line) {
    node.properties.id = `L${line}`;
  },
};

export async function createHighlight(): Promise<HighlighterCore> {
  const h = await createHighlighterCore({
    themes: [import("shiki/themes/github-light.mjs"), import("shiki/themes/github-dark.mjs")],
    langs: [
      import("shiki/langs/typescript.mjs"), import("shiki/langs/c.mjs"), import("shiki/langs/asm.mjs"),
      import("shiki/langs/lua.mjs"), import("shiki/langs/python.mjs"), import("shiki/langs/shellscript.mjs"),
      import("shiki/langs/json.mjs"), import("shiki/langs/xml.mjs"), import("shiki/langs/markdown.mjs"),
    ],
    // Oniguruma, the regex engine the grammars are written for (shiki's JavaScript engine colours some
    // shell tokens differently from run to run).
    engine: createOnigurumaEngine(import("shiki/wasm")),
  });
  // A language's first highlight on a new highlighter can colour the light theme wrongly (a TypeScript
  // doc comment that never ends); the second is right. So each language highlights one token first.
  for (const lang of h.getLoadedLanguages()) h.codeToHtml("x", { lang, themes: THEMES, defaultColor: false });
  return h;
}

/** Highlights a whole text as a <pre>, in both themes. */
export function highlightCode(h: HighlighterCore, code: string, lang: string, transformers: ShikiTransformer[] = []): string {
  return h.codeToHtml(code, { lang, themes: THEMES, defaultColor: false, transformers });
}

/** What makes a cached result stale: this file (the transformers) and shiki's version. */
const CACHE_SALT = readFileSync(fileURLToPath(import.meta.url), "utf8") + readFileSync(fileURLToPath(import.meta.resolve("shiki/package.json")), "utf8");

/**
 * A highlighter that answers from the cache file `file` what an earlier build highlighted; `save()` writes
 * back the results this build used (so the cache never holds more than one build's worth).
 */
export function cachedHighlighter(h: HighlighterCore, file: string): { highlighter: HighlighterCore; save(): void } {
  let old: Record<string, string> = {};
  try {
    if (existsSync(file)) old = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  } catch {
    old = {}; // a damaged cache is rebuilt
  }
  const used = new Map<string, string>();
  const highlighter = Object.create(h) as HighlighterCore;
  highlighter.codeToHtml = (code, options) => {
    const meta = (options.meta as { __raw?: string } | undefined)?.__raw ?? "";
    const key = createHash("sha1").update(CACHE_SALT).update(JSON.stringify([code, options.lang, meta, (options.transformers ?? []).map((t) => t.name)])).digest("base64");
    const html = used.get(key) ?? old[key] ?? h.codeToHtml(code, options);
    used.set(key, html);
    return html;
  };
  return {
    highlighter,
    save() {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(Object.fromEntries(used)));
      renameSync(tmp, file);
    },
  };
}
