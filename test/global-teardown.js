// Removes the run's temporary folder made by global-setup.js, with everything the tests left in it,
// and gives back the TMPDIR the run started with.
const fs = require('node:fs');

module.exports = function removeRunTempRoot() {
  const root = process.env.CDK8S_LOCUST_JEST_TMP_ROOT;
  if (root) fs.rmSync(root, { recursive: true, force: true });
  const before = process.env.CDK8S_LOCUST_JEST_TMPDIR_BEFORE;
  if (before === undefined) return;
  const tmpdir = JSON.parse(before);
  if (tmpdir === null) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmpdir;
  delete process.env.CDK8S_LOCUST_JEST_TMP_ROOT;
  delete process.env.CDK8S_LOCUST_JEST_TMPDIR_BEFORE;
};
