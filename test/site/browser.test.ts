// The course site in a real browser (Debian's chromium, driven by playwright-core): every page of the
// course and of the test course loads with no console error; every runnable block runs by its Run button
// and shows its output; Stop ends an infinite loop within five seconds and the block works again; the dark
// theme applies, by the system setting and by the toggle. A full-page screenshot of each chapter, in both
// themes, is written to site/screenshots/ for a person to look at.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { SITE_DIR, buildSite, type Site } from "../../site/build.ts";
import { serve } from "../../site/serve.ts";

const FIXTURE = join(import.meta.dirname, "fixture");
export const SCREENSHOTS = join(SITE_DIR, "screenshots");
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

needs("chromium").describe("the course site in chromium", () => {
  const dirs: string[] = [];
  const servers: Server[] = [];
  const sites: { name: string; site: Site; url: string }[] = [];
  let context: BrowserContext;

  beforeAll(async () => {
    const tmp = () => {
      const d = mkdtempSync(join(tmpdir(), "course-browser-"));
      dirs.push(d);
      return d;
    };
    const built = await Promise.all([buildSite({ out: tmp() }), buildSite({ root: FIXTURE, out: tmp() })]);
    for (const [i, site] of built.entries()) {
      const { server, url } = await serve(site.out);
      servers.push(server);
      sites.push({ name: i === 0 ? "course" : "test-course", site, url });
    }
    context = await chromium.launchPersistentContext(tmp(), { executablePath: "/usr/bin/chromium", headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    for (const s of servers) s.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** Opens a page and gathers its console errors and uncaught exceptions. */
  async function open(url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${url}: console: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`${url}: ${e.message}`));
    page.on("requestfailed", (r) => errors.push(`${url}: request failed: ${r.url()}`));
    await page.goto(url, { waitUntil: "load" });
    return { page, errors };
  }

  test("every page loads with no console error, and every runnable block runs by its Run button", async () => {
    const errors: string[] = [];
    let ran = 0;
    for (const { site, url } of sites) {
      for (const p of site.pages) {
        const { page, errors: pageErrors } = await open(url + p);
        for (const b of site.blocks.filter((b) => b.page === p)) {
          const block = page.locator(`#${b.id}`);
          await block.locator(".run-go").click();
          await expect.poll(() => block.getAttribute("data-state"), { timeout: 10_000 }).toMatch(/^(done|error|budget)$/);
          const state = await block.getAttribute("data-state");
          const out = await block.locator(".run-out").textContent();
          expect(state, `${p}#${b.id}: ${out}`).toBe(b.expectedError === undefined ? "done" : b.expectedError.startsWith("stopped:") ? "budget" : "error");
          expect(out, `${p}#${b.id} shows its output`).toBeTruthy();
          if (b.expectedOutput !== undefined) expect(out!.startsWith(b.expectedOutput)).toBe(true);
          if (b.expectedError !== undefined) expect(out!.trimEnd().endsWith(b.expectedError)).toBe(true);
          ran++;
        }
        errors.push(...pageErrors);
        await page.close();
      }
    }
    expect(errors).toEqual([]);
    expect(ran).toBe(sites.reduce((n, s) => n + s.site.blocks.length, 0));
  }, 120_000);

  test("Stop ends an infinite loop within five seconds, and the block runs again afterwards", async () => {
    const fixture = sites[1];
    const { page, errors } = await open(fixture.url + "90-fixture/index.html");
    const block = page.locator("#run-4");
    await block.locator(".run-src").fill("print start\nloop\n");
    // A budget far beyond five seconds of work, so only Stop can end the loop.
    await block.evaluate((el) => (el.dataset.steps = String(1e15)));
    await block.locator(".run-go").click();
    await expect.poll(() => block.getAttribute("data-state")).toBe("running");
    await page.waitForTimeout(300);
    expect(await block.getAttribute("data-state")).toBe("running");
    await block.locator(".run-stop").click();
    await expect.poll(() => block.getAttribute("data-state"), { timeout: 5_000 }).toBe("stopped");
    expect(await block.locator(".run-out").textContent()).toBe("stopped");
    await block.locator(".run-reset").click();
    await block.evaluate((el) => delete el.dataset.steps);
    await block.locator(".run-go").click();
    await expect.poll(() => block.getAttribute("data-state"), { timeout: 10_000 }).toBe("done");
    expect(await block.locator(".run-view").textContent()).toBe("a view<two>");
    // An error is shown in the block in the runtime's words, and the page stays usable.
    await block.locator(".run-src").fill("print before\nnonsense\n");
    await block.locator(".run-go").click();
    await expect.poll(() => block.getAttribute("data-state"), { timeout: 10_000 }).toBe("error");
    expect(await block.locator(".run-out").textContent()).toBe("before\nline 2: unknown statement 'nonsense'");
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  test("Tab indents in the editor instead of leaving it", async () => {
    const { page } = await open(sites[1].url + "90-fixture/index.html");
    const src = page.locator("#run-2 .run-src");
    await src.fill("x");
    await src.press("Home");
    await src.press("Tab");
    expect(await src.inputValue()).toBe("    x");
    expect(await src.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.close();
  });

  test("the dark theme applies by the system setting and by the toggle; screenshots of each chapter", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    for (const { name, site, url } of sites) {
      for (const p of site.chapters) {
        const { page, errors } = await open(url + p);
        await page.emulateMedia({ colorScheme: "light" });
        expect(await background(page)).toBe("rgb(255, 255, 255)");
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${p.split("/")[0]}-light.png`), fullPage: true });
        await page.emulateMedia({ colorScheme: "dark" });
        expect(await background(page)).toBe("rgb(13, 17, 23)");
        const code = page.locator("pre.shiki span").first();
        if ((await code.count()) > 0) expect(await code.evaluate((el) => getComputedStyle(el).color)).not.toBe("rgb(36, 41, 46)");
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${p.split("/")[0]}-dark.png`), fullPage: true });
        // The toggle overrides the system, and the choice holds on the next page.
        await page.locator(".theme-toggle").click();
        expect(await background(page)).toBe("rgb(255, 255, 255)");
        await page.reload();
        expect(await background(page)).toBe("rgb(255, 255, 255)");
        await page.locator(".theme-toggle").click();
        expect(await background(page)).toBe("rgb(13, 17, 23)");
        await page.evaluate(() => localStorage.removeItem("theme"));
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  }, 120_000);
});
