// Every temporary folder a jest run makes (the tests' trees, cdk8s's Testing outdirs, the local
// runs' work folders, Locust's own files) goes under one folder of this run: TMPDIR is set before
// the workers start, so os.tmpdir() names it in the tests and in the processes they spawn.
// global-teardown.js removes it, so a run leaves nothing behind, even when a test fails midway.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = function createRunTempRoot() {
  // The TMPDIR before the run, which the teardown gives back: a process that runs jest several
  // times (Stryker, once per mutant) would otherwise make the next run's folder in a removed one.
  process.env.CDK8S_LOCUST_JEST_TMPDIR_BEFORE = JSON.stringify(process.env.TMPDIR ?? null);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-locust-jest-'));
  process.env.CDK8S_LOCUST_JEST_TMP_ROOT = root;
  process.env.TMPDIR = root;
};
