#!/usr/bin/env node
// Adds package-lock.json entries for platform-specific optional dependencies
// (e.g. @unrs/resolver-binding-win32-x64-msvc) that the registry mirror of the
// build machine does not serve (404). npm install then silently leaves them out
// of the lock, and `npm ci` on a fresh clone fails with "Missing: <pkg>@ from
// lock file". Entries carry os/cpu/libc so npm skips them on other platforms and
// never fetches them. Maintenance tool, not run by CI (CI must test the lock
// as committed):  node .ci/lockfile-platform-entries.js [package-lock.json]
'use strict';
const fs = require('node:fs');

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32'];
const CPU = ['arm', 'arm64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'x64'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  for (let i = 0; i < parts.length - 1; i++) {
    if (OS.includes(parts[i]) && CPU.includes(parts[i + 1])) {
      const abi = parts[i + 2] ?? '';
      const libc = parts[i] !== 'linux' ? null : abi.startsWith('musl') ? 'musl' : abi.startsWith('gnu') ? 'glibc' : null;
      return { os: parts[i], cpu: parts[i + 1], libc };
    }
  }
  return null;
}

const added = [];
for (const [path, pkg] of Object.entries(lock.packages)) {
  if (!pkg.optionalDependencies || !path.startsWith('node_modules/')) continue;
  const base = path.slice(0, path.lastIndexOf('node_modules/'));
  for (const [name, range] of Object.entries(pkg.optionalDependencies)) {
    const key = `${base}node_modules/${name}`;
    if (lock.packages[key] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range)) continue; // only exact-pinned platform bindings
    const entry = { version: range, cpu: [platform.cpu] };
    if (pkg.dev) entry.dev = true;
    if (platform.libc) entry.libc = [platform.libc];
    Object.assign(entry, { optional: true, os: [platform.os] });
    lock.packages[key] = entry;
    added.push(`${name}@${range}`);
  }
}
// npm keeps packages sorted by path (root "" first).
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} entries:\n  ${added.join('\n  ')}` : 'nothing to add');
