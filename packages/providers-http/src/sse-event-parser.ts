/** Called once per dispatched event; `event` is the `event:` field, undefined when absent or empty. */
export type SseEventHandler = (data: string, event: string | undefined) => void;

const LF = 10;
const SPACE = 32;
const COLON = 58;

/**
 * A server-sent-events line parser for the stream read path: it hands each event to a callback as two
 * strings, so no event object is built per event. Dispatches exactly what eventsource-parser 3 does
 * (a property test holds the two to the same events on any split of any stream):
 * - lines end in CR, LF or CRLF, and a CRLF may be split across chunks, so a CR at the end of the
 *   buffered text waits for the next chunk that holds a line end before it counts;
 * - `data:` lines (one optional space after the colon) join with "\n"; a blank line dispatches the
 *   event if it had at least one data line; `event:` names it; comments, `id`, `retry` and unknown
 *   fields are ignored (we never reconnect, so ids and retry hints are of no use);
 * - an event or line still open at EOF is never dispatched: the caller judges a cut stream by what
 *   completed;
 * - a UTF-8 byte-order mark is removed by the TextDecoder that feeds this parser; like
 *   eventsource-parser, a BOM seen as three Latin-1 characters at the very start is dropped too.
 */
export class SseEventParser {
  /** Text after the last complete line, kept until a chunk with a line end arrives. */
  private pending = '';
  private first = true;
  private data = '';
  private dataLines = 0;
  private eventType: string | undefined;

  constructor(private readonly onEvent: SseEventHandler) {}

  feed(chunk: string): void {
    if (this.first) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xef && chunk.charCodeAt(1) === 0xbb && chunk.charCodeAt(2) === 0xbf) {
        chunk = chunk.slice(3);
      }
    }
    let text = chunk;
    if (this.pending.length > 0) {
      // Nothing can complete without a line end; a held CR is only judged once one arrives.
      if (chunk.indexOf('\n') === -1 && chunk.indexOf('\r') === -1) {
        this.pending += chunk;
        return;
      }
      text = this.pending + chunk;
    }
    const consumed = this.lines(text);
    this.pending = consumed === text.length ? '' : text.slice(consumed);
  }

  /** Parses every complete line of `text` and returns where the incomplete rest starts. */
  private lines(text: string): number {
    let start = 0;
    let cr = text.indexOf('\r');
    if (cr === -1) {
      // The common case (LF only) needs one search per line.
      for (let lf = text.indexOf('\n'); lf !== -1; lf = text.indexOf('\n', start)) {
        this.line(text, start, lf);
        start = lf + 1;
      }
      return start;
    }
    let lf = text.indexOf('\n');
    const last = text.length - 1;
    for (;;) {
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      let end: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A CR that ends the text may be the first half of a CRLF.
        if (cr === last) return start;
        end = cr;
      } else if (lf !== -1) {
        end = lf;
      } else {
        return start;
      }
      this.line(text, start, end);
      start = end + 1;
      if (end === cr && text.charCodeAt(start) === LF) start++;
    }
  }

  private line(text: string, start: number, end: number): void {
    if (start === end) {
      this.dispatch();
      return;
    }
    const first = text.charCodeAt(start);
    if (first === COLON) return;
    if (first === 100 && text.startsWith('data:', start)) {
      this.appendData(text.slice(text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, end));
      return;
    }
    if (first === 101 && text.startsWith('event:', start)) {
      this.eventType =
        text.slice(text.charCodeAt(start + 6) === SPACE ? start + 7 : start + 6, end) || undefined;
      return;
    }
    // A field name without a colon has an empty value; only `data` and `event` matter to us.
    if (end - start === 4 && text.startsWith('data', start)) this.appendData('');
    else if (end - start === 5 && text.startsWith('event', start)) this.eventType = undefined;
  }

  private appendData(value: string): void {
    this.data = this.dataLines === 0 ? value : `${this.data}\n${value}`;
    this.dataLines++;
  }

  private dispatch(): void {
    const { data, dataLines, eventType } = this;
    this.data = '';
    this.dataLines = 0;
    this.eventType = undefined;
    if (dataLines > 0) this.onEvent(data, eventType);
  }
}
