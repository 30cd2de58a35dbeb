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

export class JSONMessageParser {
  private pending = "";
  private tokens: Token[] = [];
  private brace_count = 0;
  private bracket_count = 0;

  /** json_message_parser_feed: returns the messages completed by `text`. */
  feed(text: string): Message[] {
    this.pending += text;
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
    let i = 0;
    while (i < s.length && " \t\r\n".includes(s[i])) i++;
    if (i === s.length) {
      this.pending = "";
      return undefined;
    }
    const c = s[i];
    const take = (n: number, type: TokenType): Token => {
      this.pending = s.slice(i + n);
      return { type, text: s.slice(i, i + n) };
    };
    if (PUNCT[c]) return take(1, PUNCT[c]);
    if (c === '"' || c === "'") {
      for (let j = i + 1; j < s.length; j++) {
        if (s[j] === "\\") j++;
        else if (s[j] === c) return take(j + 1 - i, "string");
      }
      this.pending = s.slice(i);
      return undefined;
    }
    const m = /^(-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?|[a-z]+)/.exec(s.slice(i));
    if (m) {
      // A token at the very end may continue in the next chunk.
      if (i + m[0].length === s.length) {
        this.pending = s.slice(i);
        return undefined;
      }
      const type: TokenType = /^[a-z]/.test(m[0]) ? "keyword" : m[2] || m[3] ? "float" : "integer";
      return take(m[0].length, type);
    }
    return take(1, "error");
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
  let pos = 0;
  const peek = () => tokens[pos];
  const pop = () => tokens[pos++];
  const fail = (msg: string): never => {
    throw new ParseError(`JSON parse error, ${msg}`);
  };
  const value = (): JSONValue => {
    const t = peek();
    if (!t) return fail("premature EOI");
    switch (t.type) {
      case "lcurly":
        return object();
      case "lsquare":
        return array();
      case "integer":
      case "float":
        return Number(pop().text);
      case "string":
        try {
          return string(pop().text);
        } catch {
          return fail("invalid escape sequence in string");
        }
      case "keyword": {
        const k = pop().text;
        if (k === "true") return true;
        if (k === "false") return false;
        if (k === "null") return null;
        return fail(`invalid keyword '${k}'`);
      }
      default:
        return fail("expecting value");
    }
  };
  const object = (): JSONValue => {
    pop();
    const dict: { [key: string]: JSONValue } = {};
    if (!peek()) fail("premature EOI");
    if (peek().type === "rcurly") {
      pop();
      return dict;
    }
    for (;;) {
      // parse_pair: the key is parsed as any value first, so `{ bad` reports the keyword, not the key.
      const key = value();
      if (typeof key !== "string") fail("key is not a string in object");
      const colon = pop();
      if (!colon) fail("premature EOI");
      if (colon.type !== "colon") fail("missing : in object pair");
      dict[key as string] = value();
      const sep = pop();
      if (!sep) fail("premature EOI");
      if (sep.type === "rcurly") return dict;
      if (sep.type !== "comma") fail("expected separator in dict");
    }
  };
  const array = (): JSONValue => {
    pop();
    const list: JSONValue[] = [];
    if (!peek()) fail("premature EOI");
    if (peek().type === "rsquare") {
      pop();
      return list;
    }
    for (;;) {
      list.push(value());
      const sep = pop();
      if (!sep) fail("premature EOI");
      if (sep.type === "rsquare") return list;
      if (sep.type !== "comma") fail("expected separator in list");
    }
  };
  try {
    const v = value();
    if (pos < tokens.length) fail("expecting value");
    return { value: v };
  } catch (e) {
    if (e instanceof ParseError) return { error: e.message };
    throw e;
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
  if (Array.isArray(v)) return `[${v.map(qmp_to_json).join(", ")}]`;
  if (v !== null && typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${qmp_to_json(x)}`).join(", ")}}`;
  return JSON.stringify(v);
}
