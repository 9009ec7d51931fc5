import { imageReference } from './kubernetes';

/** A Locust 2.x version read from an image tag, e.g. `2.12.1` from `locustio/locust:2.12.1`. */
export interface LocustVersion {
  readonly minor: number;
  readonly patch: number;
}

/** The 2.x version an image tag names, or undefined for `latest`, a digest or another scheme. */
export function imageLocustVersion(image: string): LocustVersion | undefined {
  const { tag } = imageReference(image);
  if (tag === undefined) return undefined;
  const match = /^v?2\.(\d+)(?:\.(\d+))?(?:$|[-+])/.exec(tag);
  return match ? { minor: Number(match[1]), patch: Number(match[2] ?? 0) } : undefined;
}

/** Whether `version` comes before 2.`minor`.`patch`. */
export function isBefore(version: LocustVersion, minor: number, patch = 0): boolean {
  return version.minor < minor || (version.minor === minor && version.patch < patch);
}

/** `2.MINOR.PATCH`, as Locust writes its version. */
export function formatLocustVersion(version: LocustVersion): string {
  return `2.${version.minor}.${version.patch}`;
}
