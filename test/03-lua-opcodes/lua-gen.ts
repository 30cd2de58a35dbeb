// Random Lua 5.4 programs drawn from the grammar, for differential tests against luac5.4. Programs are
// mostly valid; the few that are not (a '...' outside a vararg function, an assignment to a <const>) are
// compared by their error messages.
import fc from "fast-check";

const names = ["a", "b", "c", "x", "y", "t", "f", "g", "print", "_ENV"];
const fields = ["x", "y", "n", "name", "a long field name that is over forty bytes long"];

const numeral = fc.oneof(
  fc.integer({ min: -3, max: 300 }).map(String),
  fc.constantFrom("0", "1", "2", "127", "128", "-129", "255", "256", "65535", "131071", "131072", "1e3"),
  fc.constantFrom("0.0", "1.0", "2.5", "-0.0", "0.5", "3e-2", "1e300", "0x10", "0xff", "0x7fffffffffffffff"),
  fc.constantFrom("9223372036854775807", "9223372036854775808", "0x1p4", "1.5e10", "100000000000000"),
);
const stringLit = fc.constantFrom('"s"', '"x"', "'y'", '"hello world"', '""', '"a\\n"', "[[long]]", '"10"');

const binop = fc.constantFrom(
  "+", "-", "*", "/", "%", "^", "//", "&", "|", "~", "<<", ">>", "..", "==", "~=", "<", "<=", ">", ">=",
  "and", "or",
);
const unop = fc.constantFrom("-", "not ", "#", "~");

/** An expression of bounded depth. */
function expr(depth: number): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...names) },
    { weight: 4, arbitrary: numeral },
    { weight: 2, arbitrary: stringLit },
    { weight: 1, arbitrary: fc.constantFrom("nil", "true", "false") },
  );
  if (depth <= 0) return leaf;
  const sub = expr(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 4, arbitrary: fc.tuple(sub, binop, sub).map(([l, o, r]) => `${l} ${o} ${r}`) },
    { weight: 1, arbitrary: fc.tuple(unop, sub).map(([o, e]) => `${o}${e}`) },
    { weight: 2, arbitrary: sub.map((e) => `(${e})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...names), fc.constantFrom(...fields)).map(([t, k]) => `${t}.${k === fields[4] ? "x" : k}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...names), sub).map(([t, k]) => `${t}[ ${k} ]`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...names), fc.array(sub, { maxLength: 3 })).map(([f, a]) => `${f}(${a.join(", ")})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...names), fc.array(sub, { maxLength: 2 })).map(([f, a]) => `${f}:m(${a.join(", ")})`) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.oneof(sub, fc.tuple(fc.constantFrom(...fields.slice(0, 4)), sub).map(([k, v]) => `${k} = ${v}`), fc.tuple(sub, sub).map(([k, v]) => `[ ${k} ] = ${v}`)), { maxLength: 5 })
        .map((items) => `{${items.join(", ")}}`),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("", "...", "a", "a, b", "a, ..."), sub).map(([p, e]) => `function(${p}) return ${e} end`) },
  );
}

const lhs = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...names) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...names), fc.constantFrom(...fields)).map(([t, k]) => `${t}.${k === fields[4] ? "y" : k}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...names), expr(1)).map(([t, k]) => `${t}[ ${k} ]`) },
);

/** A block of statements; `inLoop` allows break. */
function block(depth: number, inLoop: boolean): fc.Arbitrary<string> {
  const e = expr(2);
  const simple = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.array(fc.constantFrom("a", "b", "c", "x", "y"), { minLength: 1, maxLength: 3 }), fc.constantFrom("", "", "", "", " <const>", " <close>"), fc.array(e, { maxLength: 3 })).map(([vs, attr, es]) => `local ${vs.map((v, i) => (i === vs.length - 1 ? v + attr : v)).join(", ")}${es.length ? " = " + es.join(", ") : ""}`) },
    { weight: 3, arbitrary: fc.tuple(fc.array(lhs, { minLength: 1, maxLength: 3 }), fc.array(e, { minLength: 1, maxLength: 3 })).map(([ls, es]) => `${ls.join(", ")} = ${es.join(", ")}`) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...names), fc.array(e, { maxLength: 3 })).map(([f, a]) => `${f}(${a.join(", ")})`) },
    { weight: 1, arbitrary: fc.constant(";") },
  );
  if (depth <= 0) return fc.array(simple, { maxLength: 4 }).map((s) => s.join("\n"));
  const inner = block(depth - 1, inLoop);
  const loopBody = block(depth - 1, true);
  const stat = fc.oneof(
    { weight: 6, arbitrary: simple },
    { weight: 2, arbitrary: fc.tuple(e, inner, fc.array(fc.tuple(e, inner), { maxLength: 2 }), fc.option(inner)).map(([c, b, eifs, els]) => `if ${c} then\n${b}\n${eifs.map(([c2, b2]) => `elseif ${c2} then\n${b2}\n`).join("")}${els !== null ? `else\n${els}\n` : ""}end`) },
    { weight: 1, arbitrary: fc.tuple(e, loopBody).map(([c, b]) => `while ${c} do\n${b}\nend`) },
    { weight: 1, arbitrary: fc.tuple(loopBody, e).map(([b, c]) => `repeat\n${b}\nuntil ${c}`) },
    { weight: 1, arbitrary: fc.tuple(e, e, fc.option(e), loopBody).map(([a, b, c, body]) => `for i = ${a}, ${b}${c !== null ? ", " + c : ""} do\n${body}\nend`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("k", "k, v", "k, v, w"), fc.array(e, { minLength: 1, maxLength: 3 }), loopBody).map(([vs, es, body]) => `for ${vs} in ${es.join(", ")} do\n${body}\nend`) },
    { weight: 1, arbitrary: inner.map((b) => `do\n${b}\nend`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("local function lf", "function gf", "function t.m", "function t:m"), fc.constantFrom("", "a", "a, b", "...", "a, ..."), block(depth - 1, false)).map(([h, p, b]) => `${h}(${p})\n${b}\nend`) },
  );
  const withBreak = inLoop ? fc.oneof({ weight: 8, arbitrary: stat }, { weight: 1, arbitrary: fc.constant("break") }) : stat;
  return fc
    .tuple(fc.array(withBreak, { maxLength: 5 }), fc.option(fc.array(e, { maxLength: 3 }), { freq: 4 }))
    .map(([ss, ret]) => ss.join("\n") + (ret !== null ? `\nreturn ${ret.join(", ")}` : ""));
}

/** A whole chunk. */
export const luaProgram: fc.Arbitrary<string> = block(3, false).map((b) => b + "\n");
