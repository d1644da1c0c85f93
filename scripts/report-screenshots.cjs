// Opens an HTML report in headless Chromium (playwright-core driving the system's Chromium),
// fails on a console error, on any network request besides the page itself, or on a blank page,
// and writes screenshots at desktop and phone widths.
// Usage: node report-screenshots.cjs REPORT.html OUT_DIR
const { chromium } = require("playwright-core");
const path = require("path");

(async () => {
  const [report, outDir] = process.argv.slice(2);
  const url = "file://" + path.resolve(report);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const problems = [];
  for (const [name, width, height] of [["desktop", 1280, 900], ["phone", 390, 844]]) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    page.on("console", (m) => { if (m.type() === "error") problems.push(`${name}: console error: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`${name}: page error: ${e.message}`));
    page.on("request", (r) => { if (r.url() !== url) problems.push(`${name}: network request: ${r.url()}`); });
    await page.goto(url);
    const text = await page.evaluate(() => document.body.innerText.trim().length);
    const svg = await page.evaluate(() => { const s = document.querySelector("svg"); if (!s) return 0; const b = s.getBoundingClientRect(); return b.width * b.height; });
    if (text < 200) problems.push(`${name}: the page is blank (${text} characters of text)`);
    if (svg <= 0) problems.push(`${name}: the objective tree is not drawn`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 2) problems.push(`${name}: the page is ${overflow}px wider than the screen`);
    await page.screenshot({ path: path.join(outDir, `report-${name}.png`), fullPage: name === "phone" ? false : false });
    console.log(`${name}: ${width}×${height}, ${text} characters, screenshot written`);
    await page.close();
  }
  await browser.close();
  if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
})().catch((e) => { console.error(e); process.exit(1); });
