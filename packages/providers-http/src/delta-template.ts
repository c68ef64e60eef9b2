const QUOTE = 34;
const BACKSLASH = 92;
/** Put in the slot in turn to check a template; two, so text fixed elsewhere cannot pass for both. */
const PROBES: ReadonlyArray<[literal: string, text: string]> = [
  ['"\\u0000"', '\u0000'],
  ['"\\u0001"', '\u0001'],
];
/** Put in the ignored slot alongside PROBES: two values, so a slot the reader depends on fails the check. */
const IGNORED_PROBES = ['""', '"\\u0000~"'];
/** Limits per stream, so servers that vary other fields per chunk soon stop paying for the search. */
const MAX_PROBES = 2;
const MAX_CANDIDATES = 8;

/** The text of a parsed event whose only effect is that text; undefined for any other event. */
export type PlainTextContent = (chunk: unknown) => string | undefined;

/**
 * Servers stream a text answer as events that differ only in the delta text (OpenAI: same id, model,
 * created and shape; Anthropic: same block index), and parsing each whole event is most of the cost
 * of reading a stream. So the text around the text string of a plain text event is kept as a
 * template, and a later payload made of that exact prefix, one JSON string and that exact suffix is
 * read by parsing only the string. That is exact: a string token swapped for another string token
 * parses to the same document with another text. A template is used only after parses with probe
 * strings in the slot proved the slot is the text field the assembler reads and the rest makes a
 * plain text event; it is checked only once a second payload fits it, so streams whose events differ
 * elsewhere (a per-chunk nonce, say) never pay for the check.
 *
 * One string field after the text may vary too, when named: OpenAI pads every chunk with random
 * `"obfuscation"` text of random length. Its value is skipped, not compared; the check proves the reader
 * gives the same text whatever it holds.
 */
export class DeltaTemplate {
  private prefix = '';
  private suffix = '';
  /** With an ignored string: the suffix is `middle`, that string, then `tail`. */
  private ignoredString = false;
  private middle = '';
  private tail = '';
  private state: 'none' | 'candidate' | 'checked' = 'none';
  private probes = 0;
  private candidates = 0;

  /**
   * `key` is the quoted name of the text field (`"content"`), `plainTextContent` reads it back;
   * `ignoredKey` names a string field after it whose value may change from chunk to chunk.
   */
  constructor(
    private readonly key: string,
    private readonly plainTextContent: PlainTextContent,
    private readonly ignoredKey?: string,
  ) {}

  /** The delta text when `data` fits the checked template; undefined when it must be parsed whole. */
  read(data: string): string | undefined {
    if (this.state !== 'checked') return undefined;
    const end = this.textEnd(data);
    if (end === -1) return undefined;
    try {
      return JSON.parse(data.slice(this.prefix.length, end)) as string;
    } catch {
      return undefined;
    }
  }

  /** Called with each payload that parsed whole to a plain text chunk. */
  learn(data: string): void {
    if (this.probes >= MAX_PROBES || this.candidates >= MAX_CANDIDATES) return;
    if (this.state === 'candidate' && this.textEnd(data) !== -1) {
      this.probes++;
      this.state = this.check() ? 'checked' : 'none';
      return;
    }
    this.candidates++;
    this.state = this.split(data) ? 'candidate' : 'none';
  }

  /**
   * Where the text string ends (just past its closing quote) when `data` fits the template: the exact
   * prefix and suffix, with room for a string that starts and ends with a quote; -1 when it does not fit.
   */
  private textEnd(data: string): number {
    if (this.ignoredString) return this.textEndAround(data);
    const end = data.length - this.suffix.length;
    return end - this.prefix.length >= 2 &&
      data.charCodeAt(this.prefix.length) === QUOTE &&
      data.charCodeAt(end - 1) === QUOTE &&
      // slice() and === compare as memory; startsWith() on Node 20 is several times slower here.
      data.slice(0, this.prefix.length) === this.prefix &&
      data.slice(end) === this.suffix
      ? end
      : -1;
  }

  /** textEnd() with an ignored string: both strings are found by scanning, the fixed text around compared. */
  private textEndAround(data: string): number {
    const { prefix, middle, tail } = this;
    if (data.charCodeAt(prefix.length) !== QUOTE || data.slice(0, prefix.length) !== prefix) return -1;
    const end = stringEnd(data, prefix.length);
    if (end === -1) return -1;
    const ignored = end + middle.length;
    if (data.charCodeAt(ignored) !== QUOTE || data.slice(end, ignored) !== middle) return -1;
    const ignoredEnd = stringEnd(data, ignored);
    return ignoredEnd !== -1 && data.length - ignoredEnd === tail.length && data.slice(ignoredEnd) === tail
      ? end
      : -1;
  }

  private check(): boolean {
    try {
      return PROBES.every(([literal, text], index) => {
        const suffix = this.ignoredString
          ? this.middle + (IGNORED_PROBES[index] as string) + this.tail
          : this.suffix;
        return this.plainTextContent(JSON.parse(this.prefix + literal + suffix)) === text;
      });
    } catch {
      return false;
    }
  }

  /**
   * Finds the string after the last `"key":`, and after it the one after the last ignored key; the
   * check proves they are the right ones.
   */
  private split(data: string): boolean {
    const start = valueString(data, data.lastIndexOf(this.key), this.key.length);
    const end = start === -1 ? -1 : stringEnd(data, start);
    if (end === -1) return false;
    this.prefix = data.slice(0, start);
    this.suffix = data.slice(end);
    this.ignoredString = false;
    if (this.ignoredKey === undefined) return true;
    const ignored = valueString(data, data.lastIndexOf(this.ignoredKey), this.ignoredKey.length);
    const ignoredEnd = ignored > end ? stringEnd(data, ignored) : -1;
    if (ignoredEnd !== -1) {
      this.ignoredString = true;
      this.middle = data.slice(end, ignored);
      this.tail = data.slice(ignoredEnd);
    }
    return true;
  }
}

/** Where the string value of the key found at `key` starts (its opening quote), or -1. */
function valueString(data: string, key: number, keyLength: number): number {
  if (key === -1) return -1;
  let start = skipSpace(data, key + keyLength);
  if (data.charCodeAt(start) !== 58) return -1;
  start = skipSpace(data, start + 1);
  return data.charCodeAt(start) === QUOTE ? start : -1;
}

/** Just past the closing quote of the JSON string opening at `start`, or -1 when it does not close. */
function stringEnd(data: string, start: number): number {
  for (let index = start + 1; index < data.length; index++) {
    const code = data.charCodeAt(index);
    if (code === BACKSLASH) index++;
    else if (code === QUOTE) return index + 1;
  }
  return -1;
}

function skipSpace(text: string, index: number): number {
  let position = index;
  for (;;) {
    const code = text.charCodeAt(position);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return position;
    position++;
  }
}
