import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Writes `files` (relative path to content) under a fresh temporary directory and returns it. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-locust-'));
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), content);
  }
  return root;
}
