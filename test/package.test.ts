import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as semver from 'semver';
import * as ts from 'typescript';
import { ensureBuilt, ROOT } from './built-cli';

/**
 * The package as npm publishes it: its `exports` map resolved the way Node and TypeScript
 * resolve it for a user (the package's own name refers to itself from inside the repository),
 * and its metadata. The consumer check (scripts/check-consumer.sh) does the same from a tarball.
 */
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function node(args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

beforeAll(() => ensureBuilt(), 180_000);

describe('package exports', () => {
  test('CommonJS require gives the library', () => {
    // WHEN a CommonJS program requires the package by name
    const result = node(['-e', "const l = require('cdk8s-locust'); console.log(typeof l.LocustTest, typeof l.TestFiles.fromDirectory, require.resolve('cdk8s-locust'))"]);

    // THEN it gets the construct and the compiled entry
    expect(result.stdout).toBe(`function function ${join(ROOT, 'lib', 'src', 'index.js')}`);
  });

  test('ESM import gives every export, as the same objects as require', () => {
    // WHEN an ES module imports the package by name
    const script = [
      "import * as esm from 'cdk8s-locust';",
      "import { createRequire } from 'node:module';",
      "const cjs = createRequire(import.meta.url)('cdk8s-locust');",
      'const names = Object.keys(cjs).filter((n) => n !== "__esModule");',
      'const missing = names.filter((n) => !(n in esm)).join(",") || "none";',
      'console.log(names.includes("LocustTest"), missing, names.filter((n) => esm[n] !== cjs[n]).join(",") || "same");',
    ].join('\n');
    const result = node(['--input-type=module', '-e', script]);

    // THEN every named export is there, and it is the CommonJS object itself (one LocustTest class)
    expect(result).toEqual({ status: 0, stdout: 'true none same', stderr: '' });
  });

  test('the tooling subpath gives the checks, in both module systems, and the root does not', () => {
    // WHEN a program loads cdk8s-locust/tooling both ways, and the root entry
    const script = [
      "import * as esm from 'cdk8s-locust/tooling';",
      "import * as root from 'cdk8s-locust';",
      "import { createRequire } from 'node:module';",
      "const cjs = createRequire(import.meta.url)('cdk8s-locust/tooling');",
      'console.log(typeof esm.validateLocustTest, esm.validateLocustTest === cjs.validateLocustTest, "validateLocustTest" in root);',
    ].join('\n');
    const result = node(['--input-type=module', '-e', script]);

    // THEN the tooling holds the checks, as one object, and the API of apps stays without them
    expect(result).toEqual({ status: 0, stdout: 'function true false', stderr: '' });
  });

  test('TypeScript resolves the types through the exports map, for CommonJS and ESM importers', () => {
    // GIVEN the Node 16+ module resolution, which reads `exports`
    const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };

    // WHEN an .mts and a .cts file of the repository import the package by name
    const resolved = ['check.mts', 'check.cts'].map((file) => ts.resolveModuleName('cdk8s-locust', join(ROOT, file), options, ts.sys).resolvedModule?.resolvedFileName);

    // THEN both get the declarations of the compiled entry
    expect(resolved).toEqual([join(ROOT, 'lib', 'src', 'index.d.ts'), join(ROOT, 'lib', 'src', 'index.d.ts')]);
    expect(existsSync(resolved[0]!)).toBe(true);
  });

  test('publishes every file the exports map and the command line point at', () => {
    const targets = [manifest.main, manifest.types, manifest.bin['cdk8s-locust'], ...Object.values(manifest.exports['.']), ...Object.values(manifest.exports['./tooling'])] as string[];
    for (const target of targets) {
      const file = target.replace(/^\.\//, '');
      expect(manifest.files.some((folder: string) => file.startsWith(`${folder}/`))).toBe(true);
      expect(existsSync(join(ROOT, file))).toBe(true);
    }
  });

  test('gives the summary schema by the package\'s name, the file the library validates summaries with', () => {
    // WHEN a program resolves the schema through the exports map
    const result = node(['-e', "console.log(require.resolve('cdk8s-locust/schema/summary.schema.json'), require('cdk8s-locust/tooling').summarySchemaPath())"]);

    // THEN it is the published file of the package's schema folder
    const schema = join(ROOT, 'schema', 'summary.schema.json');
    expect(result.stdout).toBe(`${schema} ${schema}`);
    expect(manifest.files).toContain('schema');
  });
});

describe('package metadata', () => {
  test('runs the tests before publishing and links to the repository', () => {
    expect(manifest.scripts.prepublishOnly).toMatch(/npm test/);
    expect(manifest.repository.url).toMatch(/^git\+https:\/\/github\.com\//);
    expect(manifest.bugs.url).toMatch(/\/issues$/);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(manifest.license).toBe('Apache-2.0');
  });

  test('runs no script when a user installs it', () => {
    // GIVEN the scripts npm runs when the package is installed as a dependency (npm warns about each)
    const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'];

    // THEN the package has none of them: it is built before packing, not on the user's machine
    expect(installScripts.filter((name) => manifest.scripts[name] !== undefined)).toEqual([]);
    expect(manifest.scripts.prepack).toMatch(/npm run build/);
  });

  test('takes cdk8s-plus-28 as its own dependency, so an app of another cdk8s-plus major need not install it', () => {
    expect(manifest.dependencies['cdk8s-plus-28']).toBeDefined();
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['cdk8s', 'constructs']);
  });

  test('no installed package asks for a newer Node.js than the engines the package states', () => {
    // GIVEN the lowest Node.js versions the package claims: for users (engines) and for development (devEngines)
    const users = semver.minVersion(manifest.engines.node)!.version;
    const development = semver.minVersion(manifest.devEngines.runtime.version)!.version;
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

    // THEN every locked package accepts that version: runtime ones the users' one, all the development one
    const refusing = Object.entries(lock.packages as Record<string, { dev?: boolean; engines?: { node?: string } }>)
      .filter(([path, entry]) => path !== '' && typeof entry.engines?.node === 'string')
      .filter(([, entry]) => !semver.satisfies(entry.dev ? development : users, entry.engines!.node!))
      .map(([path, entry]) => `${path} ${entry.engines!.node}`);
    expect(refusing).toEqual([]);
  });
});
