export interface CostQualityPoint {
  cost: number;
  quality: number;
}

/**
 * The non-decreasing upper hull of (cost, quality) points: what a router can reach at each cost by
 * mixing two operating points, never worse for spending more. Sorted by cost.
 */
export function nonDecreasingHull(points: readonly CostQualityPoint[]): CostQualityPoint[] {
  const sorted = [...points].sort((left, right) => left.cost - right.cost || right.quality - left.quality);
  const hull: CostQualityPoint[] = [];
  for (const point of sorted) {
    // Spending more for less quality is never on the hull.
    if (hull.length > 0 && point.quality <= hull[hull.length - 1]!.quality) continue;
    while (hull.length >= 2) {
      const a = hull[hull.length - 2]!;
      const b = hull[hull.length - 1]!;
      // Drop b when it lies on or below the segment a → point (keeps the hull concave).
      const cross =
        (b.cost - a.cost) * (point.quality - a.quality) - (b.quality - a.quality) * (point.cost - a.cost);
      if (cross >= 0) hull.pop();
      else break;
    }
    hull.push(point);
  }
  return hull;
}

/** Area under the hull from its cheapest to its dearest point, divided by the dearest cost. */
export function areaUnderHull(hull: readonly CostQualityPoint[]): number {
  const last = hull[hull.length - 1];
  if (!last || last.cost <= 0) return hull[0]?.quality ?? 0;
  let area = 0;
  for (let index = 1; index < hull.length; index++) {
    const a = hull[index - 1]!;
    const b = hull[index]!;
    area += ((a.quality + b.quality) / 2) * (b.cost - a.cost);
  }
  return area / last.cost;
}

/** The lowest cost at which the hull reaches `quality` (interpolated), or undefined if it never does. */
export function hullCostAt(hull: readonly CostQualityPoint[], quality: number): number | undefined {
  const first = hull[0];
  if (!first) return undefined;
  if (first.quality >= quality) return first.cost;
  for (let index = 1; index < hull.length; index++) {
    const a = hull[index - 1]!;
    const b = hull[index]!;
    if (b.quality >= quality)
      return a.cost + ((quality - a.quality) / (b.quality - a.quality)) * (b.cost - a.cost);
  }
  return undefined;
}
