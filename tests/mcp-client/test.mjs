// `memaudit mcp` driven by the official MCP TypeScript SDK, as an agent
// host would drive it: the real binary as a child process over stdio, a
// real SQLite file, a fixture workspace copied into a temporary folder.
// The SDK validates every structured result against the tool's
// outputSchema, so a schema that lies about a result fails here.
//
// MEMAUDIT_BIN names the binary (default: the workspace's debug build).

import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = process.env.MEMAUDIT_BIN ?? join(root, "target/debug/memaudit");

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "memaudit-mcp-"));
  const ws = join(dir, "ws");
  cpSync(join(root, "tests/fixtures/workspaces/audit_demo"), ws, { recursive: true });
  return { dir, ws, db: join(dir, "data/memaudit.db") };
}

async function connect(env, extra = []) {
  const transport = new StdioClientTransport({
    command: bin,
    args: ["--db", env.db, "mcp", ...extra],
    cwd: env.ws,
    env: { PATH: process.env.PATH ?? "", MEMAUDIT_CONFIG: join(env.dir, "config.toml") },
    stderr: "pipe",
  });
  const client = new Client({ name: "memaudit-node-test", version: "0.0.0" });
  await client.connect(transport);
  // callTool validates structured results against the listed schemas.
  await client.listTools();
  return client;
}

function ok(result, what) {
  assert.notEqual(result.isError, true, `${what} failed: ${JSON.stringify(result.content)}`);
  assert.ok(result.structuredContent, `${what} returns structured content`);
  return result.structuredContent;
}

function errorText(result, what) {
  assert.equal(result.isError, true, `${what} should fail: ${JSON.stringify(result)}`);
  return result.content.map((c) => c.text).join("\n");
}

test("an agent audits, pages, decides, runs round 2 and exports", async () => {
  const env = workspace();
  const client = await connect(env);
  try {
    assert.equal(client.getServerVersion()?.name, "memaudit");
    const names = (await client.listTools()).tools.map((t) => t.name).sort();
    assert.deepEqual(names, [
      "audit", "decide", "export", "finding", "findings", "next", "prompt",
      "report", "resume", "scope", "sessions", "terminate",
    ]);

    const progress = [];
    const round1 = ok(
      await client.callTool({ name: "audit", arguments: { workspace: "." } }, undefined, {
        onprogress: (p) => progress.push(p),
      }),
      "audit",
    );
    assert.equal(round1.session, "memory_audit_001");
    assert.equal(round1.status, "awaiting_decision");
    assert.ok(progress.length >= 4, `progress was reported: ${JSON.stringify(progress)}`);
    assert.equal(progress.at(-1).progress, 3);
    for (let i = 1; i < progress.length; i++) {
      assert.ok(progress[i].progress > progress[i - 1].progress, "progress only grows");
    }

    const seen = [];
    let offset = 0;
    for (;;) {
      const page = ok(
        await client.callTool({
          name: "findings",
          arguments: { session: "memory_audit_001", limit: 5, offset },
        }),
        "findings",
      );
      seen.push(...page.findings.map((f) => f.id));
      if (page.next_offset === undefined || page.next_offset === null) break;
      offset = page.next_offset;
    }
    assert.equal(seen.length, round1.findings);
    assert.equal(new Set(seen).size, seen.length, "no finding on two pages");

    const approved = ok(
      await client.callTool({
        name: "findings",
        arguments: { session: "memory_audit_001", verdict: ["APPROVED"] },
      }),
      "findings",
    ).findings.map((f) => f.id);
    const [rejected, implemented] = approved;
    const one = ok(
      await client.callTool({
        name: "finding",
        arguments: { session: "memory_audit_001", finding: implemented },
      }),
      "finding",
    );
    assert.equal(one.record.finding.id, implemented);

    ok(
      await client.callTool({
        name: "decide",
        arguments: { session: "memory_audit_001", finding: rejected, decision: "reject-fp" },
      }),
      "decide",
    );
    ok(
      await client.callTool({
        name: "decide",
        arguments: { session: "memory_audit_001", finding: implemented, decision: "implement" },
      }),
      "decide",
    );
    const round2 = ok(
      await client.callTool({ name: "next", arguments: { session: "memory_audit_001" } }),
      "next",
    );
    assert.equal(round2.round, 2);
    const rows = ok(
      await client.callTool({
        name: "findings",
        arguments: { session: "memory_audit_001", round: 2, limit: 500 },
      }),
      "findings",
    ).findings;
    assert.ok(!rows.some((r) => r.id === rejected), "a rejected finding is never raised again");
    assert.equal(rows.find((r) => r.id === implemented)?.decision?.kind, "implement");

    const md = ok(
      await client.callTool({
        name: "export",
        arguments: { session: "memory_audit_001", format: "md" },
      }),
      "export",
    );
    assert.match(md.text, /Round 2/);

    const prompt = ok(
      await client.callTool({
        name: "prompt",
        arguments: { session: "memory_audit_001", findings: [implemented] },
      }),
      "prompt",
    );
    assert.match(prompt.prompt, /## How to know it is done/);

    const resources = await client.listResources();
    const uri = "memaudit://session/1/round/2/report.md";
    assert.ok(resources.resources.some((r) => r.uri === uri));
    const read = await client.readResource({ uri });
    assert.match(read.contents[0].text, /Memory Audit Report - Round 2/);
    assert.ok(
      existsSync(join(env.ws, "specs/meta/sessions/memory_audit_001/decisions.md")),
      "the session folder is written into the workspace",
    );
    assert.match(
      readFileSync(join(env.ws, "specs/meta/sessions/memory_audit_001/decisions.md"), "utf8"),
      new RegExp(rejected),
    );
  } finally {
    await client.close();
    rmSync(env.dir, { recursive: true, force: true });
  }
});

test("bad input is a readable tool error and running code needs --allow-run", async () => {
  const env = workspace();
  const client = await connect(env);
  try {
    ok(await client.callTool({ name: "audit", arguments: { workspace: ".", write_files: false } }), "audit");
    const cases = [
      [{ name: "findings", arguments: { session: "nope" } }, /^session_not_found:/],
      [{ name: "finding", arguments: { session: "memory_audit_001", finding: "F-999" } }, /^finding_not_found:/],
      [{ name: "findings", arguments: { session: "memory_audit_001", limit: "ten" } }, /`limit`/],
      [{ name: "decide", arguments: { session: "memory_audit_001", finding: "F-001", decision: "maybe" } }, /`decision`/],
      [{ name: "audit", arguments: { workspace: "/" } }, /^not_a_workspace:/],
      [{ name: "profile", arguments: { session: "memory_audit_001", test: "x" } }, /^run_not_allowed:.*--allow-run/],
    ];
    for (const [call, pattern] of cases) {
      assert.match(errorText(await client.callTool(call), call.name), pattern);
    }
    const sessions = ok(await client.callTool({ name: "sessions", arguments: {} }), "sessions");
    assert.equal(sessions.total, 1, "the server is still up and nothing else was stored");
  } finally {
    await client.close();
  }
  const gated = await connect(env, ["--allow-run"]);
  try {
    const names = (await gated.listTools()).tools.map((t) => t.name);
    assert.ok(names.includes("profile") && names.includes("verify"), "--allow-run offers them");
  } finally {
    await gated.close();
    rmSync(env.dir, { recursive: true, force: true });
  }
});
