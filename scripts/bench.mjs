#!/usr/bin/env node
/**
 * Benchmark: generates synthetic project exports of growing size, runs the
 * whole CLI on each as a separate process, and compares its wall time to a
 * plain `node -e` JSON.parse of the same file. Prints a table and checks
 * the targets of DESIGN §8.
 *
 * Usage: node scripts/bench.mjs [--runs N] [--sizes 1000,2000,...] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'sglint.js');

const args = process.argv.slice(2);
const argValue = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const RUNS = Number(argValue('--runs', '3'));
const SIZES = argValue('--sizes', '1000,2000,5000,10000,20000,50000,100000').split(',').map(Number);
const ONE_GROUP = 10_000;
const GROUP_SIZE = 50;

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same files. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeGenerator(seed) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  let ruleCounter = 0;
  const uuid = (prefix) => {
    ruleCounter += 1;
    const hex = ruleCounter.toString(16).padStart(12, '0');
    return `${prefix}-0000-4000-8000-${hex}`;
  };

  const commonPorts = [22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9090, 3389, 25, 53, 123, 5000, 9200];
  const publicV4 = () => `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(0, 255)}`;

  function remoteV4() {
    const roll = random();
    if (roll < 0.35) return { ipRange: `${publicV4()}/32` };
    if (roll < 0.65) {
      const prefix = int(24, 29);
      const address = publicV4().split('.').map(Number);
      const value = ((address[0] << 24) | (address[1] << 16) | (address[2] << 8) | address[3]) >>> 0;
      const network = (value & (~0 << (32 - prefix))) >>> 0;
      return {
        ipRange: `${network >>> 24}.${(network >>> 16) & 255}.${(network >>> 8) & 255}.${network & 255}/${prefix}`,
      };
    }
    if (roll < 0.82)
      return { ipRange: pick(['10.0.0.0/8', '10.1.0.0/16', '172.16.0.0/12', '192.168.10.0/24']) };
    if (roll < 0.88) return { ipRange: '0.0.0.0/0' };
    if (roll < 0.89) return {};
    if (roll < 0.9) return { ipRange: pick(['0.0.0.0/1', '128.0.0.0/1', '64.0.0.0/2', '100.0.0.0/6']) };
    return null;
  }

  function remoteV6() {
    const roll = random();
    if (roll < 0.4) return { ipRange: `2a01:4f8:${int(0, 65535).toString(16)}::/48` };
    if (roll < 0.75)
      return { ipRange: `2a01:${int(0, 65535).toString(16)}::${int(1, 65535).toString(16)}/128` };
    if (roll < 0.85) return { ipRange: 'fd00::/8' };
    if (roll < 0.91) return { ipRange: '::/0' };
    return null;
  }

  function protocolPart() {
    const roll = random();
    if (roll < 0.75) {
      const name = random() < 0.8 ? 'tcp' : 'udp';
      const protocol = random() < 0.5 ? { name } : { name, number: name === 'tcp' ? 6 : 17 };
      if (random() < 0.75) {
        const port = pick(commonPorts);
        return { protocol, portRange: { min: port, max: port } };
      }
      const start = int(1024, 60000);
      return { protocol, portRange: { min: start, max: start + int(1, 2000) } };
    }
    if (roll < 0.85)
      return { protocol: { name: 'icmp' }, icmpParameters: { type: pick([8, 3, 11]), code: 0 } };
    if (roll < 0.89) return { protocol: { name: 'icmp' } };
    if (roll < 0.93) return {};
    return { protocol: { name: pick(['gre', 'esp', 'vrrp']) } };
  }

  function rule(groupId, groupIds) {
    const ipv6 = random() < 0.15;
    const part = protocolPart();
    if (ipv6 && part.protocol?.name === 'icmp') part.protocol = { name: 'ipv6-icmp' };
    if (part.icmpParameters && ipv6) part.icmpParameters = { type: 128, code: 0 };
    let remote = ipv6 ? remoteV6() : remoteV4();
    if (remote === null) remote = { remoteSecurityGroupId: pick(groupIds) };
    const world = remote.ipRange === undefined || remote.ipRange.endsWith('/0');
    if (world && part.portRange !== undefined && random() < 0.7) {
      const web = pick([80, 443]);
      part.portRange = { min: web, max: web };
    }
    const now = '2024-05-01T10:00:00Z';
    const value = {
      id: uuid('7e1a0000'),
      securityGroupId: groupId,
      direction: random() < 0.75 ? 'ingress' : 'egress',
      ethertype: ipv6 ? 'IPv6' : 'IPv4',
      ...part,
      ...remote,
      createdAt: now,
      updatedAt: now,
    };
    if (random() < 0.7)
      value.description = `allow ${part.protocol?.name ?? 'all'} for service ${int(1, 400)}`;
    return value;
  }

  function group(index, ruleCount, groupIds) {
    const id = groupIds[index];
    const rules = [];
    for (let count = 0; count < ruleCount; count += 1) {
      const roll = random();
      if (rules.length > 2 && roll < 0.01) {
        const copy = { ...pick(rules), id: uuid('7e1a0000') };
        rules.push(copy);
      } else {
        rules.push(rule(id, groupIds));
      }
    }
    return {
      id,
      name: `sg-${index}-${pick(['web', 'db', 'cache', 'bastion', 'worker', 'lb'])}`,
      description: random() < 0.8 ? `security group ${index}` : undefined,
      labels: { team: pick(['a', 'b', 'c']), env: pick(['prod', 'stage']) },
      stateful: random() < 0.95,
      rules,
      createdAt: '2024-05-01T10:00:00Z',
      updatedAt: '2024-05-01T10:00:00Z',
    };
  }

  return { group, uuid };
}

/** A project export: `{"items":[group…]}` with `total` rules in groups of `groupSize`. */
function generateExport(total, groupSize, seed) {
  const generator = makeGenerator(seed);
  const groupCount = Math.ceil(total / groupSize);
  const groupIds = Array.from({ length: groupCount }, () => generator.uuid('5ec0b000'));
  const items = [];
  let left = total;
  for (let index = 0; index < groupCount; index += 1) {
    const count = Math.min(groupSize, left);
    left -= count;
    items.push(generator.group(index, count, groupIds));
  }
  return JSON.stringify({ items }, null, 2);
}

const hasGnuTime = existsSync('/usr/bin/time');
const RSS_WRAPPER = [
  '-e',
  "const {spawnSync}=require('node:child_process');" +
    "const r=spawnSync(process.argv[1],process.argv.slice(2),{stdio:['ignore','ignore','inherit']});" +
    "process.stderr.write('\\nMAXRSS_KB='+process.resourceUsage().maxRSS+'\\n');process.exit(r.status??3)",
];

/** Runs a command once; returns wall milliseconds, peak RSS in MB and the exit status. */
function measure(command, commandArgs) {
  const started = process.hrtime.bigint();
  const result = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-v', command, ...commandArgs], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, [...RSS_WRAPPER, command, ...commandArgs], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const match = hasGnuTime
    ? /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)
    : /MAXRSS_KB=(\d+)/.exec(result.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(result.stderr);
  return {
    wall,
    cpu: user && system ? (Number(user[1]) + Number(system[1])) * 1000 : NaN,
    peakMb: match ? Number(match[1]) / 1024 : NaN,
    status: result.status,
    stderr: result.stderr,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function bench(file) {
  const report = `${file}.report.json`;
  const lintRuns = [];
  const lintCpu = [];
  const parseRuns = [];
  const parseCpu = [];
  let peak = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const lint = measure(process.execPath, [
      cli,
      file,
      '--format',
      'json',
      '--output',
      report,
      '--fail-on',
      'never',
    ]);
    if (lint.status !== 0) {
      throw new Error(`sglint exited with ${lint.status} on ${file}:\n${lint.stderr.slice(0, 2000)}`);
    }
    lintRuns.push(lint.wall);
    lintCpu.push(lint.cpu);
    peak = Math.max(peak, lint.peakMb);
    const parse = measure(process.execPath, [
      '-e',
      'JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"))',
      file,
    ]);
    parseRuns.push(parse.wall);
    parseCpu.push(parse.cpu);
  }
  const findings = JSON.parse(readFileSync(report, 'utf8')).findings.length;
  return {
    lint: median(lintRuns),
    parse: median(parseRuns),
    lintCpu: median(lintCpu),
    parseCpu: median(parseCpu),
    peak,
    findings,
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'sglint-bench-'));
const rows = [];
try {
  const cases = SIZES.map((size) => ({ label: String(size), rules: size, groupSize: GROUP_SIZE }));
  cases.push({ label: `${ONE_GROUP} (1 group)`, rules: ONE_GROUP, groupSize: ONE_GROUP });
  for (const entry of cases) {
    const file = path.join(dir, `export-${entry.rules}-${entry.groupSize}.json`);
    writeFileSync(file, generateExport(entry.rules, entry.groupSize, 20240501 + entry.rules));
    const megabytes = statSync(file).size / (1024 * 1024);
    const result = bench(file);
    rows.push({ ...entry, megabytes, ...result, ratio: result.lint / result.parse });
    process.stderr.write(`measured ${entry.label}\n`);
  }
} finally {
  if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  else process.stderr.write(`kept files in ${dir}\n`);
}

const header = ['rules', 'file MB', 'findings', 'sglint ms', 'parse ms', 'ratio', 'cpu ratio', 'peak MB'];
const table = rows.map((row) => [
  row.label,
  row.megabytes.toFixed(1),
  String(row.findings),
  row.lint.toFixed(0),
  row.parse.toFixed(0),
  row.ratio.toFixed(2),
  Number.isNaN(row.lintCpu / row.parseCpu) ? 'n/a' : (row.lintCpu / row.parseCpu).toFixed(2),
  row.peak.toFixed(0),
]);
const widths = header.map((title, column) =>
  Math.max(title.length, ...table.map((cells) => cells[column].length)),
);
const line = (cells) => `| ${cells.map((cell, column) => cell.padStart(widths[column])).join(' | ')} |`;
console.log(
  `node ${process.version}, median of ${RUNS} runs, peak RSS via ${hasGnuTime ? '/usr/bin/time -v' : 'resourceUsage'}, ` +
    `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`,
);
console.log(line(header));
console.log(`|${widths.map((width) => '-'.repeat(width + 1) + ':').join('|')}|`);
for (const cells of table) console.log(line(cells));

const spread = rows.filter((row) => row.groupSize === GROUP_SIZE);
const biggest = spread.find((row) => row.rules === 100_000);
const oneGroup = rows.find((row) => row.groupSize === ONE_GROUP);
const checks = [];
if (biggest)
  checks.push([
    `100,000-rule export within 4x JSON.parse (${biggest.ratio.toFixed(2)}x)`,
    biggest.ratio <= 4,
  ]);
if (oneGroup)
  checks.push([`one group of 10,000 rules under 1 s (${oneGroup.lint.toFixed(0)} ms)`, oneGroup.lint < 1000]);
const doublings = [];
for (const row of spread) {
  const half = spread.find((other) => other.rules * 2 === row.rules);
  if (half && half.rules >= 10_000)
    doublings.push(`${half.rules}->${row.rules}: ${(row.lint / half.lint).toFixed(2)}x`);
}
const growth = spread.filter((row) =>
  spread.some((other) => other.rules * 2 === row.rules && other.rules >= 10_000),
);
const worst = Math.max(
  ...growth.map((row) => row.lint / spread.find((other) => other.rules * 2 === row.rules).lint),
);
if (growth.length > 0)
  checks.push([`doubling the input at most ~doubles the time (${doublings.join(', ')})`, worst <= 2.3]);
for (const [text, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
