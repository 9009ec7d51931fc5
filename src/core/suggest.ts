import { distance } from 'fastest-levenshtein';
import { byteOrder } from './text';

/**
 * The valid name nearest to a misspelt one, for a "did you mean" in a message: case is ignored,
 * and a name counts as near when at most a third of its letters (at least 2, at most 3) differ,
 * so that `treshold` finds `thresholds` and `image` finds nothing in a list of Kafka settings.
 * Ties go to the name first in byte order, so that messages are the same on every run.
 */
export function nearestName(given: string, candidates: readonly string[]): string | undefined {
  const lower = given.toLowerCase();
  const allowed = Math.min(3, Math.max(2, Math.floor(given.length / 3)));
  let best: { name: string; cost: number } | undefined;
  for (const candidate of [...candidates].sort(byteOrder)) {
    const cost = distance(lower, candidate.toLowerCase());
    if (cost <= allowed && (best === undefined || cost < best.cost)) best = { name: candidate, cost };
  }
  return best?.name;
}

/** `did you mean NAME? ` before a fix, or nothing when no valid name is near. */
export function didYouMean(given: string, candidates: readonly string[], show: (name: string) => string = (name) => name): string {
  const near = nearestName(given, candidates);
  return near === undefined || near === given ? '' : `did you mean ${show(near)}? `;
}
