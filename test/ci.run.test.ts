// .ci/run on a fresh machine, with npm, apt-get and java stubbed: it installs only what is
// missing, without a prompt (apt-get on a fresh Debian asks about time zones otherwise), and
// its closing line "N passed, N failed" never says 0 failed for a run that failed.
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../.ci/run', import.meta.url));
let dir: string;

async function stub(name: string, body: string): Promise<void> {
  await writeFile(join(dir, name), `#!/bin/bash\n${body}\n`);
  await chmod(join(dir, name), 0o755);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ci-run-'));
  for (const tool of ['mktemp', 'rm', 'dirname', 'cat', 'id']) {
    const found = ['/usr/bin', '/bin'].map((d) => join(d, tool)).find((p) => spawnSync('test', ['-x', p]).status === 0);
    if (found) await symlink(found, join(dir, tool));
  }
  await symlink(process.execPath, join(dir, 'node'));
  await stub('npm', 'case "$1" in ci) exit 0;; test) for a in "$@"; do case $a in --outputFile.json=*) out=${a#--outputFile.json=};; esac; done; cat "$STUB_REPORT" > "$out"; exit "$STUB_STATUS";; esac');
  await stub('apt-get', 'echo "DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-} $*" >> "$STUB_LOG"');
  await stub('fake-chromium', 'exit 0');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function ci(report: unknown, status: number, opts: { java?: boolean | string; chromium?: boolean } = {}) {
  const reportFile = join(dir, 'report.json');
  const log = join(dir, `apt-${Math.random()}.log`);
  await writeFile(reportFile, JSON.stringify(report));
  await rm(join(dir, 'java'), { force: true });
  if (opts.java !== false) await stub('java', `echo 'openjdk version "${typeof opts.java === 'string' ? opts.java : '17.0.15'}" 2025-04-15' >&2`);
  const out = spawnSync('/bin/bash', [script], {
    encoding: 'utf8',
    env: { PATH: dir, HOME: dir, STUB_REPORT: reportFile, STUB_STATUS: String(status), STUB_LOG: log, CHROMIUM_PATH: opts.chromium === false ? join(dir, 'no-chromium') : join(dir, 'fake-chromium') },
  });
  const apt = await readFile(log, 'utf8').catch(() => '');
  const lines = out.stdout.trim().split('\n');
  return { code: out.status, last: lines[lines.length - 1], apt };
}

const file = (status: 'passed' | 'failed', tests: Array<'passed' | 'failed'>) => ({ status, message: '', assertionResults: tests.map((s, i) => ({ title: `t${i}`, status: s })) });

describe('.ci/run', () => {
  it('counts plainly when tests fail', async () => {
    const r = await ci({ numPassedTests: 3, numFailedTests: 1, numFailedTestSuites: 2, testResults: [file('failed', ['passed', 'passed', 'passed', 'failed'])] }, 1);
    expect(r).toMatchObject({ code: 1, last: '3 passed, 1 failed' });
  });

  it('counts a test file that failed to load beside a failed test', async () => {
    const r = await ci({ numPassedTests: 3, numFailedTests: 1, numFailedTestSuites: 2, testResults: [file('failed', ['passed', 'passed', 'passed', 'failed']), file('failed', [])] }, 1);
    expect(r).toMatchObject({ code: 1, last: '3 passed, 2 failed' });
  });

  it('never says 0 failed when the run failed (an unhandled error after every test passed)', async () => {
    const r = await ci({ numPassedTests: 4, numFailedTests: 0, numFailedTestSuites: 0, testResults: [file('passed', ['passed', 'passed', 'passed', 'passed'])] }, 1);
    expect(r).toMatchObject({ code: 1, last: '4 passed, 1 failed' });
  });

  it('installs nothing when java and the browser (CHROMIUM_PATH) are there', async () => {
    const r = await ci({ numPassedTests: 2, numFailedTests: 0, numFailedTestSuites: 0, testResults: [file('passed', ['passed', 'passed'])] }, 0);
    expect(r).toMatchObject({ code: 0, last: '2 passed, 0 failed', apt: '' });
  });

  it('installs a JRE when the java on PATH is older than DynamoDB Local needs (17)', async () => {
    const passed = { numPassedTests: 1, numFailedTests: 0, numFailedTestSuites: 0, testResults: [file('passed', ['passed'])] };
    expect((await ci(passed, 0, { java: '11.0.2' })).apt).toMatch(/install .*default-jre-headless$/m);
    expect((await ci(passed, 0, { java: '1.8.0_351' })).apt).toMatch(/install .*default-jre-headless$/m);
    expect((await ci(passed, 0, { java: '21.0.1' })).apt).toBe('');
  });

  it('installs a missing JRE and chromium without a prompt', async () => {
    const r = await ci({ numPassedTests: 2, numFailedTests: 0, numFailedTestSuites: 0, testResults: [file('passed', ['passed', 'passed'])] }, 0, { java: false, chromium: false });
    expect(r.last).toBe('2 passed, 0 failed');
    expect(r.apt).toMatch(/^DEBIAN_FRONTEND=noninteractive install .*default-jre-headless$/m);
    expect(r.apt).toMatch(/^DEBIAN_FRONTEND=noninteractive install .*chromium$/m);
    expect(r.apt).not.toMatch(/^DEBIAN_FRONTEND= /m);
  });
});
