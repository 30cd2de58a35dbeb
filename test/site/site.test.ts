// The course site: the generator renders every chapter (and a test course that uses every feature) with
// includes, anchors, tables of contents and exercise pages; every runnable block runs headlessly and does
// what its chapter says; every internal link and anchor resolves.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadCourse } from "../../src/course/course.ts";
import { needs } from "../../src/course/oracle.ts";
import { buildSite, type Site } from "../../site/build.ts";
import { checkLinks, judgeRun, runBlock } from "../../site/check.ts";
import pylist from "../../site/runtimes/pylist.ts";

const FIXTURE = join(import.meta.dirname, "fixture");
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "course-site-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

let course: Site;
let fixture: Site;
beforeAll(async () => {
  [course, fixture] = await Promise.all([buildSite({ out: tmp() }), buildSite({ root: FIXTURE, out: tmp() })]);
});
const page = (site: Site, p: string) => readFileSync(join(site.out, p), "utf8");

describe("the course", () => {
  test("has a page for every chapter, and one for the exercises of each chapter that has some", () => {
    for (const c of loadCourse()) {
      expect(course.pages).toContain(`${c.slug}/index.html`);
      if (c.exercises.length) expect(course.pages).toContain(`${c.slug}/exercises.html`);
    }
    expect(course.warnings).toEqual([]);
  });

  test("every runnable block runs headlessly and does what its chapter says", async () => {
    const problems: string[] = [];
    for (const b of course.blocks) {
      const wrong = judgeRun(b, await runBlock(b));
      if (wrong) problems.push(wrong);
    }
    expect(problems).toEqual([]);
  });

  test("every internal link and anchor resolves, and nothing is loaded from outside", () => {
    expect(checkLinks(course.out, course.pages)).toEqual([]);
  });
});

describe("the generator, on the test course", () => {
  test("an include shows the region with its file name, highlights and a link to its line in the whole file", () => {
    const html = page(fixture, "90-fixture/index.html");
    expect(html).toContain('<a href="../source/src/demo.ts.html#L2">src/demo.ts <span class="region">#double</span></a>');
    const region = html.slice(html.indexOf("#double"), html.indexOf("#ticks"));
    expect([...region.matchAll(/class="line( hl)?"/g)].map((m) => Boolean(m[1]))).toEqual([false, true, false, true, true]);
    expect(html).toContain("const</span><span"); // highlighted by shiki
    const source = page(fixture, "source/src/demo.ts.html");
    expect(source).toContain('id="L3"');
    expect(source).not.toContain("#region");
    expect(source).toContain('Shown in <a href="../../90-fixture/index.html">90 The fixture</a>.');
  });

  test("headings get GitHub's anchors, repeats numbered, and a table of contents", () => {
    const html = page(fixture, "90-fixture/index.html");
    expect(html).toContain('<h2 id="doubling">');
    expect(html).toContain('<h2 id="doubling-1">');
    expect(html).toContain('<li class="toc-3"><a href="#plain-code">Plain code</a></li>');
  });

  test("links to chapters go to their pages; prev and next follow the course order", () => {
    const first = page(fixture, "90-fixture/index.html");
    const second = page(fixture, "91-hardware/index.html");
    expect(first).toContain('href="../91-hardware/index.html#back"');
    expect(second).toContain('href="../90-fixture/index.html#doubling"');
    expect(first).toMatch(/rel="next" href="exercises.html"/);
    expect(second).toMatch(/rel="prev" href="..\/90-fixture\/exercises.html"/);
    expect(checkLinks(fixture.out, fixture.pages)).toEqual([]);
    expect(fixture.warnings).toEqual([]);
  });

  test("the link check finds a missing page, a missing anchor and a resource from outside; links out are fine", () => {
    const dir = tmp();
    mkdirSync(join(dir, "a"));
    writeFileSync(join(dir, "a/index.html"), '<h2 id="here"></h2><a href="#here"></a><a href="../b.html"></a><a href="index.html#gone"></a><a href="https://example.org/"></a><img src="https://example.org/x.png"><script src="//cdn.example.org/x.js"></script>');
    expect(checkLinks(dir, ["a/index.html"])).toEqual([
      "a/index.html: ../b.html names no file of the site",
      "a/index.html: index.html#gone names no anchor of a/index.html",
      "a/index.html: <img> loads https://example.org/x.png from outside the site (the site must work offline)",
      "a/index.html: <script> loads //cdn.example.org/x.js from outside the site (the site must work offline)",
    ]);
  });

  test("the home page maps both kinds of VM, with summaries and exercise counts", () => {
    const html = page(fixture, "index.html");
    expect(html).toContain("Hardware virtual machines");
    expect(html).toContain("Language virtual machines");
    expect(html).toContain("A chapter of the test course: includes, highlights, anchors and runnable blocks.");
    expect(html).toContain("1 exercise, 0 points");
    expect(html.indexOf("The second chapter")).toBeLessThan(html.indexOf("Language virtual machines"));
    expect(html).not.toContain("Not shown on the home page");
  });

  test("the exercise page gives the grade command, hints one by one and the solution behind reveals", () => {
    const html = page(fixture, "90-fixture/exercises.html");
    expect(html).toContain("npm run grade -- 90-fixture/demo");
    expect(html).toMatch(/<details class="reveal hint"><summary>Hint 1<\/summary><p>Multiply by <code>2<\/code>.<\/p>/);
    expect(html).toContain("<summary>Hint 2</summary>");
    expect(html).toMatch(/<details class="reveal solution"><summary>Show the solution<\/summary>.*the fixture's solution marker/s);
    expect(html).toContain('href="index.html#doubling"');
  });

  test("runnable blocks become editors with Run and Stop, and carry their expected output", () => {
    const html = page(fixture, "90-fixture/index.html");
    expect(html).toContain('<div class="run" id="run-1" data-kind="pylist" data-worker="../assets/worker-pylist.js">');
    expect(html).toContain('data-steps="1000"');
    expect(html).toContain('<button type="button" class="run-stop" disabled>Stop</button>');
    expect(fixture.blocks.map((b) => [b.page, b.id, Boolean(b.expectedOutput), Boolean(b.expectedError)])).toEqual([
      ["90-fixture/index.html", "run-1", true, false],
      ["90-fixture/index.html", "run-2", true, true],
      ["90-fixture/index.html", "run-3", false, true],
      ["90-fixture/index.html", "run-4", true, false],
      ["91-hardware/index.html", "run-1", false, false],
      ["91-hardware/index.html", "run-2", true, false],
      ["91-hardware/index.html", "run-3", false, true],
    ]);
  });

  test("every block of the test course does what it says: output, an error in the runtime's words, the budget", async () => {
    for (const b of fixture.blocks) expect(judgeRun(b, await runBlock(b, FIXTURE))).toBeUndefined();
    const wrong = { ...fixture.blocks[0], expectedOutput: "56\n89" };
    expect(judgeRun(wrong, await runBlock(wrong, FIXTURE))).toMatch(/expected the output\n56\n89\nbut it printed\n56\n88\n/);
  });

  test("a build from the highlight cache writes the same pages as a build without it", async () => {
    const again = await buildSite({ root: FIXTURE, out: tmp(), cache: false });
    expect(again.pages).toEqual(fixture.pages);
    for (const p of fixture.pages) expect(page(again, p), p).toBe(page(fixture, p));
  });

  test("a block of a kind that has no runtime is a warning that names the file to add", async () => {
    const md = (await import("../../site/markdown.ts"));
    const { createHighlight } = await import("../../site/highlight.ts");
    const env = md.newEnv(FIXTURE, "chapters/x.md", { page: "x/index.html", pageOf: () => undefined, href: (t) => t }, new Map([["pylist", pylist]]));
    md.renderMarkdown(md.createMarkdown(await createHighlight()), "```nosuch run\nx\n```\n", env);
    expect(env.warnings).toEqual(["chapters/x.md:1: no runtime 'nosuch' for a ```nosuch run block: add site/runtimes/nosuch.ts (runtimes: pylist)"]);
  });

  test("a picture block is drawn at build time from a real run; a picture whose run fails stops the build", async () => {
    const html = page(fixture, "91-hardware/index.html");
    expect(html).toMatch(/<figure class="picture"><div class="picture-body"><table class="pylist">.*<span class="slot used">2<\/span><span class="slot free"><\/span>.*<figcaption>ob_item after each statement<\/figcaption><\/figure>/s);
    const md = await import("../../site/markdown.ts");
    const { createHighlight } = await import("../../site/highlight.ts");
    const env = md.newEnv(FIXTURE, "chapters/x.md", { page: "x/index.html", pageOf: () => undefined, href: (t) => t }, new Map([["pylist", pylist]]));
    const markdown = md.createMarkdown(await createHighlight());
    expect(() => md.renderMarkdown(markdown, "text\n\n```pylist picture\na = []\na.pop()\n```\n", env)).toThrow(
      /^chapters\/x.md:3: the pylist picture's run failed: Traceback.*IndexError: pop from empty list$/s,
    );
  });
});

needs("python3").test("the test course's pylist outputs are python3's, line by line as its interactive interpreter prints them", () => {
  const blocks = fixture.blocks.filter((b) => b.kind === "pylist" && b.expectedOutput !== undefined);
  const script = `import io, contextlib, json, sys
for src in json.load(sys.stdin):
    out = io.StringIO()
    g = {}
    with contextlib.redirect_stdout(out):
        for line in src.split("\\n"):
            try:
                exec(compile(line, "<block>", "single"), g)
            except Exception:
                break
    print(json.dumps(out.getvalue()))
`;
  const stdout = execFileSync("python3", ["-c", script], { input: JSON.stringify(blocks.map((b) => b.source)), encoding: "utf8" });
  expect(stdout.trim().split("\n").map((l) => (JSON.parse(l) as string).trimEnd())).toEqual(blocks.map((b) => b.expectedOutput));
});
