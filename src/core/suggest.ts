import { closestName } from './text';

/**
 * The valid name nearest to a misspelt one, for a "did you mean" in a message: `closestName`,
 * with case ignored, so that `Locusttest` finds `LocustTest` and `in` finds `In`.
 */
export function nearestName(given: string, candidates: readonly string[]): string | undefined {
  const lowered = candidates.map((candidate) => candidate.toLowerCase());
  const near = closestName(given.toLowerCase(), lowered);
  return near === undefined ? undefined : candidates[lowered.indexOf(near)];
}

/** `did you mean NAME? ` before a fix, or nothing when no valid name is near. */
export function didYouMean(given: string, candidates: readonly string[], show: (name: string) => string = (name) => name): string {
  const near = nearestName(given, candidates);
  return near === undefined || near === given ? '' : `did you mean ${show(near)}? `;
}
