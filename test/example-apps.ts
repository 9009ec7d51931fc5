import * as path from 'path';
import { App } from 'cdk8s';
import { Manifest, synthApp } from './util';

/**
 * Builds an example app from the folder its `cdk8s synth` runs in (relative to the repository
 * root), where its relative locustfile paths resolve, and returns its schema-checked objects.
 */
export function synthExample(folder: string, build: (app: App) => void): Manifest[] {
  const previous = process.cwd();
  process.chdir(path.join(__dirname, '..', folder));
  try {
    const app = new App({ outdir: '/nonexistent-never-written' });
    build(app);
    return synthApp(app);
  } finally {
    process.chdir(previous);
  }
}
