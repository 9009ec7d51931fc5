// Removes the run's temporary folder made by global-setup.js, with everything the tests left in it.
const fs = require('node:fs');

module.exports = function removeRunTempRoot() {
  const root = process.env.CDK8S_LOCUST_JEST_TMP_ROOT;
  if (root) fs.rmSync(root, { recursive: true, force: true });
};
