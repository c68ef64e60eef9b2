const QUOTE = 34;
const BACKSLASH = 92;
/** Put in the slot in turn to check a template; two, so text fixed elsewhere cannot pass for both. */
const PROBES: ReadonlyArray<[literal: string, text: string]> = [
  ['"\\u0000"', '\u0000'],
  ['"\\u0001"', '\u0001'],
];
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
 */
export class DeltaTemplate {
  private prefix = '';
  private suffix = '';
  private state: 'none' | 'candidate' | 'checked' = 'none';
  private probes = 0;
  private candidates = 0;

  /** `key` is the quoted name of the text field (`"content"`), `plainTextContent` reads it back. */
  constructor(
    private readonly key: string,
    private readonly plainTextContent: PlainTextContent,
  ) {}

  /** The delta text when `data` fits the checked template; undefined when it must be parsed whole. */
  read(data: string): string | undefined {
    if (this.state !== 'checked' || !this.fits(data)) return undefined;
    try {
      return JSON.parse(data.slice(this.prefix.length, data.length - this.suffix.length)) as string;
    } catch {
      return undefined;
    }
  }

  /** Called with each payload that parsed whole to a plain text chunk. */
  learn(data: string): void {
    if (this.probes >= MAX_PROBES || this.candidates >= MAX_CANDIDATES) return;
    if (this.state === 'candidate' && this.fits(data)) {
      this.probes++;
      this.state = this.check() ? 'checked' : 'none';
      return;
    }
    this.candidates++;
    this.state = this.split(data) ? 'candidate' : 'none';
  }

  /** The exact prefix and suffix, with room for a string that starts and ends with a quote. */
  private fits(data: string): boolean {
    const end = data.length - this.suffix.length;
    return (
      end - this.prefix.length >= 2 &&
      data.charCodeAt(this.prefix.length) === QUOTE &&
      data.charCodeAt(end - 1) === QUOTE &&
      // slice() and === compare as memory; startsWith() on Node 20 is several times slower here.
      data.slice(0, this.prefix.length) === this.prefix &&
      data.slice(end) === this.suffix
    );
  }

  private check(): boolean {
    try {
      return PROBES.every(
        ([literal, text]) => this.plainTextContent(JSON.parse(this.prefix + literal + this.suffix)) === text,
      );
    } catch {
      return false;
    }
  }

  /** Finds the string after the last `"key":`; the check proves it is the right one. */
  private split(data: string): boolean {
    const key = data.lastIndexOf(this.key);
    if (key === -1) return false;
    let start = skipSpace(data, key + this.key.length);
    if (data.charCodeAt(start) !== 58) return false;
    start = skipSpace(data, start + 1);
    if (data.charCodeAt(start) !== QUOTE) return false;
    for (let index = start + 1; index < data.length; index++) {
      const code = data.charCodeAt(index);
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) {
        this.prefix = data.slice(0, start);
        this.suffix = data.slice(index + 1);
        return true;
      }
    }
    return false;
  }
}

function skipSpace(text: string, index: number): number {
  let position = index;
  for (;;) {
    const code = text.charCodeAt(position);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return position;
    position++;
  }
}
