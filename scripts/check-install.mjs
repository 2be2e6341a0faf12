#!/usr/bin/env node
// Proves a fresh `npm ci` on Node 20 keeps its promises (CI runs it right after install):
// 1. the native bindings we rely on load from their prebuilt binaries, although package.json#allowScripts
//    denies every install script (none is needed: each ships prebuilds or a per-platform optional package);
// 2. every installed package whose `engines.node` excludes this Node is one we reviewed (see REVIEWED below):
//    a new one fails the check until someone reads it and records why it is harmless here, or pins it.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';

/** package name -> why its Node 22 declaration does not matter on Node 20.19+ (checked on the version installed). */
const REVIEWED = {
  'nestjs-pino': 'ships CommonJS and ESM builds (dist/cjs, dist/esm) and uses no Node 22 API; the bump only follows Node 20 EOL. Every API and worker test logs through it.',
  cookie: 'used only by light-my-request (Fastify inject), plain string parsing with no Node 22 API.',
  'file-type': "loaded lazily by @nestjs/common's FileTypeValidator only; the service never validates uploaded files.",
  '@whatwg-node/promise-helpers': 'feature-detects Promise.withResolvers (absent on Node 20) and falls back to a plain deferred.',
  '@whatwg-node/fetch': 'dev only: GraphQL Code Generator loaders for remote schemas; we load schema.gql from disk.',
  '@whatwg-node/node-fetch': 'dev only, as @whatwg-node/fetch.',
  '@whatwg-node/disposablestack': 'dev only, as @whatwg-node/fetch.',
  listr2: "dev only: GraphQL Code Generator's progress output; its one newer API, util.styleText, is in Node 20.12+.",
  'sync-fetch': 'dev only: Code Generator URL/GitHub schema loaders, never used (schema.gql is a file).',
};

async function* packageJsons(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      yield* packageJsons(full);
      continue;
    }
    yield path.join(full, 'package.json');
    yield* packageJsons(path.join(full, 'node_modules'));
  }
}

const unreviewed = [];
const reviewedSeen = new Set();
for await (const file of packageJsons('node_modules')) {
  let manifest;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    continue;
  }
  const range = manifest.engines?.node;
  if (!manifest.name || typeof range !== 'string' || !semver.validRange(range)) continue;
  if (semver.satisfies(process.version, range)) continue;
  if (REVIEWED[manifest.name]) reviewedSeen.add(`${manifest.name}@${manifest.version} (${range})`);
  else unreviewed.push(`${manifest.name}@${manifest.version} wants node ${range} (${file})`);
}

const argon2 = await import('@node-rs/argon2');
const hash = await argon2.hash('check-install', { algorithm: argon2.Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
if (!(await argon2.verify(hash, 'check-install'))) throw new Error('argon2 native binding does not verify its own hash');
const swc = await import('@swc/core');
swc.transformSync('const a: number = 1;', { jsc: { parser: { syntax: 'typescript' } } });
const { isNativeAccelerationEnabled } = await import('msgpackr');

console.log(`node ${process.version}: argon2 ${hash.slice(0, 30)}..., @swc/core transform ok, msgpackr native ${isNativeAccelerationEnabled}`);
for (const line of reviewedSeen) console.log(`reviewed engine mismatch, harmless here: ${line}`);
if (unreviewed.length > 0) {
  console.error(`Packages that declare a Node version other than ${process.version}, not reviewed in scripts/check-install.mjs:`);
  for (const line of unreviewed) console.error(`  ${line}`);
  process.exit(1);
}
