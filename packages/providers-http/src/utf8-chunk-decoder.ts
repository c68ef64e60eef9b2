/** Stateless, so one serves every stream; the BOM is handled below, once per stream. */
const whole = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Decodes a byte stream chunk by chunk, giving for each chunk exactly what
 * `new TextDecoder().decode(chunk, { stream: true })` gives (a property test holds them equal), at a
 * fraction of the cost: on Node 20 stream mode goes through a slow converter, while a plain decode of
 * whole characters takes the fast path. So the bytes of a character cut off at the end of a chunk are
 * held back and put in front of the next one, as the stream decoder does; invalid bytes become U+FFFD
 * in the same places, and a BOM is dropped at the start of the stream only.
 */
export class Utf8ChunkDecoder {
  private held: Uint8Array | undefined;
  private started = false;

  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.held !== undefined) {
      bytes = new Uint8Array(this.held.length + chunk.length);
      bytes.set(this.held);
      bytes.set(chunk, this.held.length);
      this.held = undefined;
    }
    const complete = completeLength(bytes);
    if (complete === bytes.length) return this.text(bytes);
    // A copy, as the caller may reuse its buffer (Buffer#slice would only make a view).
    this.held = Uint8Array.prototype.slice.call(bytes, complete);
    return this.text(bytes.subarray(0, complete));
  }

  /** What is still held at the end of the stream (a cut-off character becomes U+FFFD). */
  end(): string {
    const held = this.held;
    this.held = undefined;
    return held === undefined ? '' : this.text(held);
  }

  private text(bytes: Uint8Array): string {
    if (bytes.length === 0) return '';
    const text = whole.decode(bytes);
    if (this.started) return text;
    this.started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}

/**
 * The length of `bytes` without a trailing start of a character that the next bytes may complete: a
 * lead byte and the continuation bytes valid after it so far (the UTF-8 decoder of the Encoding
 * standard holds exactly those). Anything else is decoded now, U+FFFD included.
 */
function completeLength(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let index = length - 1; index >= 0 && index >= length - 3; index--) {
    const byte = bytes[index] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const seen = length - index;
    if (byte >= 0xc2 && byte <= 0xdf) return seen < 2 ? index : length;
    if (byte < 0xe0 || byte > 0xf4) return length;
    const needed = byte >= 0xf0 ? 4 : 3;
    if (seen >= needed) return length;
    if (seen === 1) return index;
    // The second byte of some leads has a narrower range (no overlongs, surrogates or > U+10FFFF).
    const second = bytes[index + 1] as number;
    const low = byte === 0xe0 ? 0xa0 : byte === 0xf0 ? 0x90 : 0x80;
    const high = byte === 0xed ? 0x9f : byte === 0xf4 ? 0x8f : 0xbf;
    return second >= low && second <= high ? index : length;
  }
  return length;
}
