// Builds Doorstep's front-end assets from the npm packages and vendors the built files into
// doorstep/core/static/vendor (committed), plus axe-core for the browser tests.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const vendor = join(root, "doorstep", "core", "static", "vendor");
const nm = join(here, "node_modules");

rmSync(vendor, { recursive: true, force: true });
for (const dir of ["govuk", "moj", "htmx"]) mkdirSync(join(vendor, dir), { recursive: true });

const css = sass.compile(join(here, "src", "doorstep.scss"), {
  loadPaths: [here, nm],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "color-functions", "slash-div"],
});
// MoJ Frontend loads GOV.UK's base through the module system with its own configuration, so our
// font settings do not reach it: swap the GDS Transport stack for ours and drop its @font-face.
const systemStack = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';
const output = css.css
  .replace(/@font-face\{[^}]*GDS Transport[^}]*\}/g, "")
  .replaceAll('"GDS Transport",arial,sans-serif', systemStack);
if (output.includes("GDS Transport")) throw new Error("GDS Transport still referenced");
writeFileSync(join(vendor, "doorstep.css"), output);

const copy = (from, to) => cpSync(join(nm, from), join(vendor, to), { recursive: true });
copy("govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk/govuk-frontend.min.js");
// Images only: no GDS Transport font files (Doorstep uses the system typeface stack).
copy("govuk-frontend/dist/govuk/assets/images", "govuk/assets/images");
copy("@ministryofjustice/frontend/moj/moj-frontend.min.js", "moj/moj-frontend.min.js");
copy("@ministryofjustice/frontend/moj/assets", "moj/assets");
copy("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js");

mkdirSync(join(root, "tests", "browser", "vendor"), { recursive: true });
cpSync(join(nm, "axe-core/axe.min.js"), join(root, "tests/browser/vendor/axe.min.js"));

const names = ["govuk-frontend", "@ministryofjustice/frontend", "htmx.org", "axe-core"];
const versions = names.map((name) => {
  const pkg = JSON.parse(readFileSync(join(nm, name, "package.json"), "utf8"));
  return `${name} ${pkg.version}`;
});
writeFileSync(join(vendor, "VERSIONS.txt"), versions.join("\n") + "\n");
console.log(`built doorstep.css (${output.length} bytes); ${versions.join(", ")}`);
