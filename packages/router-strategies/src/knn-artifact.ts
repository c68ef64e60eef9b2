import type { EmbedderDescriptor } from './embedder';
import type { LinearWeights } from './linear-scorer';
import { routerConfigError } from './strategy-errors';

/** "LLMRKNN" + NUL: identifies a trained kNN router file. */
const MAGIC = Uint8Array.from([0x4c, 0x4c, 0x4d, 0x52, 0x4b, 0x4e, 0x4e, 0x00]);
/**
 * 2 added the learner and the linear block; 3 the `family-knn` learner and its row-family block.
 * Version 1 (kNN only) and 2 files still load.
 */
export const KNN_ARTIFACT_VERSION = 3;
const READABLE_VERSIONS = new Set([1, 2, 3]);

/**
 * How a trained router predicts quality: from its nearest training questions (`knn`), from its nearest
 * training questions of the same prompt family shrunk toward that family's mean (`family-knn`), or by
 * per-model ridge (`linear`).
 */
export type RouterLearner = 'knn' | 'family-knn' | 'linear';
export const ROUTER_LEARNERS: readonly RouterLearner[] = ['knn', 'family-knn', 'linear'];

export interface KnnArtifactHeader {
  format: 'llmrouter-knn';
  version: number;
  createdAt: string;
  embedder: EmbedderDescriptor;
  /** Column order of the score block. */
  models: string[];
  /** USD per million tokens at training time; the configured prices win at decision time. */
  prices: Record<string, { inputPrice?: number; outputPrice?: number }>;
  k: number;
  /** Neighbour weight = max(similarity, 0) ^ similarityPower. */
  similarityPower: number;
  rows: number;
  dimensions: number;
  /** Hashed TF-IDF vectors are mostly zeros and stored sparse; dense embedders' vectors are stored whole. */
  vectorEncoding: 'dense' | 'sparse';
  nonZeros?: number;
  /** Absent in version 1 files, which are kNN. */
  learner?: RouterLearner;
  /** For `linear`: the ridge strength it was trained with, and its feature count (dimensions + task families). */
  ridgeAlpha?: number;
  linearFeatures?: number;
  /** For `family-knn`: the prompt-family names its row-family block indexes, in order. */
  families?: string[];
  /** For `family-knn`: prediction = (Σ weight × score + shrinkage × family mean) / (Σ weight + shrinkage). */
  familyShrinkage?: number;
}

/** Vectors row by row: dense `rows × dimensions`, or CSR (`rowOffsets`, `indices`, `values`). */
export type KnnVectors =
  | { encoding: 'dense'; values: Float32Array }
  | { encoding: 'sparse'; rowOffsets: Uint32Array; indices: Uint32Array; values: Float32Array };

export interface KnnArtifact {
  header: KnnArtifactHeader;
  vectors: KnnVectors;
  /** `rows × models`, NaN where a model has no score for a row. */
  scores: Float32Array;
  /** For the `linear` learner: per-model weights (`features × models`) and intercepts. */
  linear?: LinearWeights;
  /** For the `family-knn` learner: each row's index into `header.families`. */
  rowFamilies?: Uint32Array;
}

const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function align4(offset: number): number {
  return (offset + 3) & ~3;
}

/**
 * Layout: magic (8 bytes) · version (uint32 LE) · header length (uint32 LE) · header JSON (UTF-8) ·
 * zero padding to 4 bytes · vectors (dense Float32, or uint32 row offsets + uint32 indices + Float32
 * values) · scores (Float32, rows × models) · for the linear learner, weights (Float32, features ×
 * models) and intercepts (Float32, models); for the family-knn learner, row families (uint32, rows).
 * All numbers little-endian.
 */
export function encodeKnnArtifact(artifact: KnnArtifact): Uint8Array {
  const headerBytes = new TextEncoder().encode(JSON.stringify(artifact.header));
  const blocks: (Uint32Array | Float32Array)[] =
    artifact.vectors.encoding === 'dense'
      ? [artifact.vectors.values, artifact.scores]
      : [artifact.vectors.rowOffsets, artifact.vectors.indices, artifact.vectors.values, artifact.scores];
  if (artifact.linear) blocks.push(artifact.linear.weights, artifact.linear.bias);
  if (artifact.rowFamilies) blocks.push(artifact.rowFamilies);
  const start = align4(16 + headerBytes.length);
  const total = start + blocks.reduce((sum, block) => sum + block.length * 4, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(8, KNN_ARTIFACT_VERSION, true);
  view.setUint32(12, headerBytes.length, true);
  bytes.set(headerBytes, 16);
  let offset = start;
  for (const block of blocks) {
    const isFloat = block instanceof Float32Array;
    for (let index = 0; index < block.length; index++, offset += 4) {
      if (isFloat) view.setFloat32(offset, block[index]!, true);
      else view.setUint32(offset, block[index]!, true);
    }
  }
  return bytes;
}

function invalid(problem: string): never {
  throw routerConfigError(
    'artifact',
    problem,
    'retrain the artifact with `llmrouter train` (this file is damaged or not a kNN router)',
  );
}

function readBlock<T extends Float32Array | Uint32Array>(
  bytes: Uint8Array,
  offset: number,
  count: number,
  Kind: { new (buffer: ArrayBuffer): T; new (length: number): T },
): T {
  if (offset + count * 4 > bytes.length) invalid('the file is shorter than its header says');
  if (littleEndian) return new Kind(bytes.slice(offset, offset + count * 4).buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
  const block = new Kind(count);
  for (let index = 0; index < count; index++) {
    block[index] =
      Kind === (Float32Array as unknown) ? view.getFloat32(index * 4, true) : view.getUint32(index * 4, true);
  }
  return block;
}

export function decodeKnnArtifact(bytes: Uint8Array): KnnArtifact {
  if (bytes.length < 16 || MAGIC.some((byte, index) => bytes[index] !== byte))
    invalid('the file does not start with the LLMRKNN marker');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (!READABLE_VERSIONS.has(version))
    invalid(
      `file version ${version} is not supported (this build reads versions 1 to ${KNN_ARTIFACT_VERSION})`,
    );
  const headerLength = view.getUint32(12, true);
  if (16 + headerLength > bytes.length) invalid('the header is cut short');
  let header: KnnArtifactHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as KnnArtifactHeader;
  } catch {
    invalid('the header is not valid JSON');
  }
  if (
    header.format !== 'llmrouter-knn' ||
    !Array.isArray(header.models) ||
    !(header.rows >= 0) ||
    !(header.dimensions > 0)
  ) {
    invalid('the header is missing required fields');
  }
  let offset = align4(16 + headerLength);
  let vectors: KnnVectors;
  if (header.vectorEncoding === 'sparse') {
    const rowOffsets = readBlock(bytes, offset, header.rows + 1, Uint32Array);
    offset += rowOffsets.length * 4;
    const nonZeros = rowOffsets[header.rows] ?? 0;
    const indices = readBlock(bytes, offset, nonZeros, Uint32Array);
    offset += nonZeros * 4;
    const values = readBlock(bytes, offset, nonZeros, Float32Array);
    offset += nonZeros * 4;
    if (indices.some((index) => index >= header.dimensions)) invalid('a vector index is out of range');
    vectors = { encoding: 'sparse', rowOffsets, indices, values };
  } else {
    const values = readBlock(bytes, offset, header.rows * header.dimensions, Float32Array);
    offset += values.length * 4;
    vectors = { encoding: 'dense', values };
  }
  const scores = readBlock(bytes, offset, header.rows * header.models.length, Float32Array);
  offset += scores.length * 4;
  const learner = header.learner ?? 'knn';
  if (learner === 'knn') return { header, vectors, scores };
  if (learner === 'family-knn') {
    const families = header.families;
    if (!Array.isArray(families) || families.length === 0 || !(Number(header.familyShrinkage) >= 0))
      invalid('the family-knn header has no families or no shrinkage');
    const rowFamilies = readBlock(bytes, offset, header.rows, Uint32Array);
    if (rowFamilies.some((family) => family >= families.length)) invalid('a row family is out of range');
    return { header, vectors, scores, rowFamilies };
  }
  if (learner !== 'linear' || !(Number(header.linearFeatures) > header.dimensions))
    invalid(`the learner "${String(learner)}" or its feature count is not valid`);
  const featureCount = header.linearFeatures! * header.models.length;
  const weights = readBlock(bytes, offset, featureCount, Float32Array);
  offset += featureCount * 4;
  const bias = readBlock(bytes, offset, header.models.length, Float32Array);
  return { header, vectors, scores, linear: { weights, bias } };
}
