import type { RoutingEvaluation } from './evaluate-routing';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const WIDTH = 720;
const HEIGHT = 460;
const MARGIN = { left: 64, right: 180, top: 40, bottom: 52 };

/** A dependency-free SVG chart of the cost–quality curve, its hull and the baselines. */
export function renderEvaluationSvg(
  evaluation: RoutingEvaluation,
  title = 'Learned router: cost vs quality',
): string {
  const { baselines, curve, hull } = evaluation;
  // Round axis ends so that the five grid steps land on readable values (0.2, 0.4, …).
  const maxCost = Math.ceil(Math.max(1, ...curve.map((point) => point.cost), baselines.oracle.cost) * 5) / 5;
  const maxQuality = Math.min(
    1,
    Math.ceil((Math.max(baselines.oracle.quality, ...curve.map((point) => point.quality)) + 0.05) * 10) / 10,
  );
  const minQuality = Math.max(
    0,
    Math.floor(
      (Math.min(baselines.cheapest.quality, baselines.random.quality, ...curve.map((p) => p.quality)) -
        0.05) *
        10,
    ) / 10,
  );
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (cost: number) => (MARGIN.left + (cost / maxCost) * plotWidth).toFixed(1);
  const y = (quality: number) =>
    (MARGIN.top + plotHeight - ((quality - minQuality) / (maxQuality - minQuality)) * plotHeight).toFixed(1);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  parts.push(`<text x="${MARGIN.left}" y="24" font-size="15" font-weight="bold">${escapeXml(title)}</text>`);
  // Grid and axes.
  for (let step = 0; step <= 5; step++) {
    const cost = (maxCost * step) / 5;
    const quality = minQuality + ((maxQuality - minQuality) * step) / 5;
    parts.push(
      `<line x1="${x(cost)}" y1="${MARGIN.top}" x2="${x(cost)}" y2="${MARGIN.top + plotHeight}" stroke="#eee"/>`,
    );
    parts.push(
      `<line x1="${MARGIN.left}" y1="${y(quality)}" x2="${MARGIN.left + plotWidth}" y2="${y(quality)}" stroke="#eee"/>`,
    );
    parts.push(
      `<text x="${x(cost)}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${cost.toFixed(2)}</text>`,
    );
    parts.push(
      `<text x="${MARGIN.left - 8}" y="${y(quality)}" text-anchor="end" dominant-baseline="middle">${quality.toFixed(2)}</text>`,
    );
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#888"/>`,
  );
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 12}" text-anchor="middle">cost relative to always using ${escapeXml(baselines.bestSingle.model)}</text>`,
  );
  parts.push(
    `<text transform="translate(18 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">mean quality</text>`,
  );
  // Best single model's quality, the bar to clear.
  parts.push(
    `<line x1="${MARGIN.left}" y1="${y(baselines.bestSingle.quality)}" x2="${MARGIN.left + plotWidth}" y2="${y(baselines.bestSingle.quality)}" stroke="#999" stroke-dasharray="4 4"/>`,
  );
  // Hull and swept operating points.
  parts.push(
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${hull.map((point) => `${x(point.cost)},${y(point.quality)}`).join(' ')}"/>`,
  );
  for (const point of curve)
    parts.push(
      `<circle cx="${x(point.cost)}" cy="${y(point.quality)}" r="2.5" fill="#1f77b4" fill-opacity="0.5"><title>λ=${point.lambda.toPrecision(3)} cost ${point.cost.toFixed(3)} quality ${point.quality.toFixed(3)}</title></circle>`,
    );
  const markers: Array<[string, { cost: number; quality: number }, string]> = [
    [`best single (${baselines.bestSingle.model})`, baselines.bestSingle, '#d62728'],
    [`cheapest (${baselines.cheapest.model})`, baselines.cheapest, '#2ca02c'],
    ['random', baselines.random, '#7f7f7f'],
    ['oracle', baselines.oracle, '#9467bd'],
  ];
  markers.forEach(([label, point, color], index) => {
    parts.push(
      `<rect x="${(Number(x(point.cost)) - 4).toFixed(1)}" y="${(Number(y(point.quality)) - 4).toFixed(1)}" width="8" height="8" fill="${color}"/>`,
    );
    const legendY = MARGIN.top + 10 + index * 20;
    parts.push(
      `<rect x="${WIDTH - MARGIN.right + 14}" y="${legendY - 8}" width="8" height="8" fill="${color}"/>`,
    );
    parts.push(
      `<text x="${WIDTH - MARGIN.right + 28}" y="${legendY}">${escapeXml(label.length > 26 ? `${label.slice(0, 25)}…` : label)}</text>`,
    );
  });
  const legendY = MARGIN.top + 10 + markers.length * 20;
  parts.push(
    `<line x1="${WIDTH - MARGIN.right + 12}" y1="${legendY - 4}" x2="${WIDTH - MARGIN.right + 24}" y2="${legendY - 4}" stroke="#1f77b4" stroke-width="2"/>`,
  );
  parts.push(`<text x="${WIDTH - MARGIN.right + 28}" y="${legendY}">kNN router (λ sweep)</text>`);
  parts.push(
    `<text x="${WIDTH - MARGIN.right + 14}" y="${legendY + 26}">AIQ ${evaluation.aiq.toFixed(3)}</text>`,
  );
  const at = evaluation.atBestSingleQuality;
  parts.push(
    `<text x="${WIDTH - MARGIN.right + 14}" y="${legendY + 44}">${at ? `best-single quality at ${(at.cost * 100).toFixed(0)}% cost` : 'never reaches best single'}</text>`,
  );
  parts.push(
    `<text x="${WIDTH - MARGIN.right + 14}" y="${legendY + 62}">best quality ${evaluation.bestQuality.quality.toFixed(3)}</text>`,
  );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
