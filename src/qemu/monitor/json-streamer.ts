// QEMU 7.2 qobject/json-lexer.c, json-streamer.c and json-parser.c: QMP input is a stream of bytes with no
// framing. The lexer cuts it into tokens; the streamer counts braces and brackets and hands a message to
// the parser when they balance (so `{ bad json` on one line and `}` on the next make one message, whose
// error is reported when the `}` arrives); the parser builds the value or says what is wrong, in QEMU's
// words ("JSON parse error, invalid keyword 'bad'").

export type JSONValue = null | boolean | number | string | JSONValue[] | { [key: string]: JSONValue };

type TokenType = "lcurly" | "rcurly" | "lsquare" | "rsquare" | "colon" | "comma" | "integer" | "float" | "keyword" | "string" | "error";
interface Token {
  type: TokenType;
  text: string;
}

/** One message out of the stream: a value, or QEMU's parse error text. */
export type Message = { value: JSONValue } | { error: string };

const PUNCT: Record<string, TokenType> = { "{": "lcurly", "}": "rcurly", "[": "lsquare", "]": "rsquare", ":": "colon", ",": "comma" };
const MAX_NESTING = 1 << 10;

/** A number or a keyword, matched where the lexer stands (the sticky flag: no slicing). */
const NUMBER_OR_KEYWORD = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?|[a-z]+/y;

export class JSONMessageParser {
  /** Input not yet cut into tokens starts at pos. */
  private pending = "";
  private pos = 0;
  private tokens: Token[] = [];
  private brace_count = 0;
  private bracket_count = 0;

  /** json_message_parser_feed: returns the messages completed by `text`. */
  feed(text: string): Message[] {
    this.pending = this.pending.slice(this.pos) + text;
    this.pos = 0;
    const out: Message[] = [];
    for (;;) {
      const t = this.lex();
      if (!t) break;
      const m = this.process_token(t);
      if (m) out.push(m);
    }
    return out;
  }

  /** The next complete token of `pending`, or undefined if it needs more input. */
  private lex(): Token | undefined {
    const s = this.pending;
    let i = this.pos;
    for (let c = s.charCodeAt(i); c === 32 || c === 9 || c === 13 || c === 10; c = s.charCodeAt(++i));
    this.pos = i;
    if (i === s.length) return undefined;
    const c = s[i];
    const punct = PUNCT[c];
    if (punct) {
      this.pos = i + 1;
      return { type: punct, text: c };
    }
    if (c === '"' || c === "'") {
      for (let j = i + 1; j < s.length; j++) {
        if (s[j] === "\\") j++;
        else if (s[j] === c) {
          this.pos = j + 1;
          return { type: "string", text: s.slice(i, j + 1) };
        }
      }
      return undefined;
    }
    NUMBER_OR_KEYWORD.lastIndex = i;
    const m = NUMBER_OR_KEYWORD.exec(s);
    if (m) {
      // A token at the very end may continue in the next chunk.
      if (i + m[0].length === s.length) return undefined;
      this.pos = i + m[0].length;
      const code = m[0].charCodeAt(0);
      return { type: code >= 97 && code <= 122 ? "keyword" : m[1] || m[2] ? "float" : "integer", text: m[0] };
    }
    this.pos = i + 1;
    return { type: "error", text: c };
  }

  // #region streamer
  /** QEMU 7.2 qobject/json-streamer.c: json_message_process_token. */
  private process_token(token: Token): Message | undefined {
    if (token.type === "lcurly") this.brace_count++;
    if (token.type === "rcurly") this.brace_count--;
    if (token.type === "lsquare") this.bracket_count++;
    if (token.type === "rsquare") this.bracket_count--;
    this.tokens.push(token);
    let message: Message | undefined;
    if (token.type === "error") {
      message = { error: `JSON parse error, stray '${token.text}'` };
    } else if (this.brace_count < 0 || this.bracket_count < 0 || (this.brace_count === 0 && this.bracket_count === 0)) {
      message = json_parser_parse(this.tokens);
    } else if (this.brace_count + this.bracket_count > MAX_NESTING) {
      message = { error: "JSON nesting depth limit exceeded" };
    } else {
      return undefined;
    }
    this.tokens = [];
    this.brace_count = 0;
    this.bracket_count = 0;
    return message;
  }
  // #endregion streamer
}

class ParseError extends Error {}

/** QEMU 7.2 qobject/json-parser.c: json_parser_parse (parse_value and friends, with their messages). */
function json_parser_parse(tokens: Token[]): Message {
  const p = new JSONParser(tokens);
  try {
    const v = p.value();
    if (p.pos < tokens.length) p.fail("expecting value");
    return { value: v };
  } catch (e) {
    if (e instanceof ParseError) return { error: e.message };
    throw e;
  }
}

/** JSONParserContext: the tokens of one message and where the parser stands. */
class JSONParser {
  pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private pop(): Token | undefined {
    return this.tokens[this.pos++];
  }

  fail(msg: string): never {
    throw new ParseError(`JSON parse error, ${msg}`);
  }

  /** parse_value */
  value(): JSONValue {
    const t = this.peek();
    if (!t) return this.fail("premature EOI");
    switch (t.type) {
      case "lcurly":
        return this.object();
      case "lsquare":
        return this.array();
      case "integer":
      case "float":
        return Number(this.pop()!.text);
      case "string":
        try {
          return string(this.pop()!.text);
        } catch {
          return this.fail("invalid escape sequence in string");
        }
      case "keyword": {
        const k = this.pop()!.text;
        if (k === "true") return true;
        if (k === "false") return false;
        if (k === "null") return null;
        return this.fail(`invalid keyword '${k}'`);
      }
      default:
        return this.fail("expecting value");
    }
  }

  /** parse_object */
  private object(): JSONValue {
    this.pop();
    const dict: { [key: string]: JSONValue } = {};
    const first = this.peek();
    if (!first) this.fail("premature EOI");
    if (first.type === "rcurly") {
      this.pop();
      return dict;
    }
    for (;;) {
      // parse_pair: the key is parsed as any value first, so `{ bad` reports the keyword, not the key.
      const key = this.value();
      if (typeof key !== "string") this.fail("key is not a string in object");
      const colon = this.pop();
      if (!colon) this.fail("premature EOI");
      if (colon.type !== "colon") this.fail("missing : in object pair");
      dict[key] = this.value();
      const sep = this.pop();
      if (!sep) this.fail("premature EOI");
      if (sep.type === "rcurly") return dict;
      if (sep.type !== "comma") this.fail("expected separator in dict");
    }
  }

  /** parse_array */
  private array(): JSONValue {
    this.pop();
    const list: JSONValue[] = [];
    const first = this.peek();
    if (!first) this.fail("premature EOI");
    if (first.type === "rsquare") {
      this.pop();
      return list;
    }
    for (;;) {
      list.push(this.value());
      const sep = this.pop();
      if (!sep) this.fail("premature EOI");
      if (sep.type === "rsquare") return list;
      if (sep.type !== "comma") this.fail("expected separator in list");
    }
  }
}

/** A JSON string token's value; QEMU also accepts 'single quotes'. */
function string(text: string): string {
  const body = text.slice(1, -1);
  if (text[0] === "'") return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
  return JSON.parse(text) as string;
}

/** QEMU's JSON output style (qobject/qjson.c with pretty=false): ", " and ": " separators. */
export function qmp_to_json(v: JSONValue): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  let out = "";
  if (Array.isArray(v)) {
    for (const x of v) out += `${out ? ", " : ""}${qmp_to_json(x)}`;
    return `[${out}]`;
  }
  for (const k in v) out += `${out ? ", " : ""}${JSON.stringify(k)}: ${qmp_to_json(v[k])}`;
  return `{${out}}`;
}
