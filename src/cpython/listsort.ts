// list.sort as CPython 3.11 does it: find natural runs, extend short ones with binary insertion to minrun,
// merge them under the powersort policy, and gallop when one run keeps winning. The number of comparisons
// is CPython's to the unit. CPython 3.11 Objects/listobject.c (list_sort_impl and friends), listsort.txt.
import { PyLongObject, PyLong_Type } from "./longobject.ts";
import { PyFloatObject, PyFloat_Type } from "./floatobject.ts";
import type { PyListObject } from "./listobject.ts";
import { POINTER_SIZE, PyMem_Free } from "./pymem.ts";
import { CompareOp, PyObject, PyObject_RichCompareBool, Py_ADDR, Py_DECREF, Py_NotImplemented, Py_XDECREF, Py_heap, type PyTypeObject } from "./object.ts";
import { PyTupleObject, PyTuple_Type } from "./tupleobject.ts";
import { ValueError } from "./pyerrors.ts";
import { binarysort, count_run, gallop_left, powerloop, reverse_slice } from "./seams.ts";
import { PyUnicodeObject, PyUnicode_Type } from "./unicodeobject.ts";

/** CPython 3.11 Objects/listobject.c: MIN_GALLOP: how many wins in a row before galloping. */
export const MIN_GALLOP = 7;

/** A run on the stack: where it starts in the list, how long it is, and its powersort power. */
export interface s_slice {
  base: number;
  len: number;
  power: number;
}

/** What the sort did, for pictures: a run was pushed, or two runs were merged; the stack afterwards. */
export interface SortEvent {
  kind: "run" | "merge";
  /** For a run: its start and length, and whether count_run found it descending (then reversed). */
  base: number;
  len: number;
  descending?: boolean;
  /** For a run shorter than minrun: how long count_run found it before binarysort extended it. */
  natural?: number;
  stack: s_slice[];
}

// #region merge-state
/** CPython 3.11 Objects/listobject.c: MergeState, the state of one sort. */
export class MergeState {
  /** The addresses of the keys being sorted (the list's own block when there is no key function). */
  keys: Int32Array;
  /** The list's block, moved along with the keys, when there is a key function; else null. */
  values: Int32Array | null;
  /** The adaptive galloping threshold: lower when galloping pays, higher when it does not. */
  min_gallop = MIN_GALLOP;
  /** Temp space for merges, kept from one merge to the next: the keys, and the values with a key function. */
  a = new Int32Array(MERGESTATE_TEMP_SIZE);
  av = new Int32Array(MERGESTATE_TEMP_SIZE);
  /** How many slots the temp space has. */
  alloced = MERGESTATE_TEMP_SIZE;
  /** The run stack. */
  pending: s_slice[] = [];
  /** The length of the whole list (powersort needs it). */
  listlen: number;
  /** key < other, chosen once by the pre-sort check. */
  key_compare: KeyCompare = safe_object_compare;
  /** The keys' tp_richcompare, for unsafe_object_compare. */
  key_richcompare: PyTypeObject["tp_richcompare"] = undefined;
  /** How unsafe_tuple_compare compares the tuples' first items. */
  tuple_elem_compare: KeyCompare = safe_object_compare;
  /** How many times ISLT was called: CPython's number of __lt__ calls. */
  comparisons = 0;
  /** Called after each run push and each merge, when set. */
  trace?: (event: SortEvent) => void;

  constructor(keys: Int32Array, values: Int32Array | null, listlen: number) {
    this.keys = keys;
    this.values = values;
    this.listlen = listlen;
  }
}

/**
 * CPython 3.11 Objects/listobject.c: ISLT: is the key at address x less than the key at y? Every comparison
 * of the sort goes through here.
 */
export function ISLT(ms: MergeState, x: number, y: number): boolean {
  ms.comparisons++;
  return ms.key_compare(x, y, ms);
}
// #endregion merge-state

/** A comparison the pre-sort check can choose: is the object at address v less than the one at w? */
export type KeyCompare = (v: number, w: number, ms: MergeState) => boolean;

// #region key-compare
/** CPython 3.11 Objects/listobject.c: safe_object_compare: no assumptions, PyObject_RichCompareBool. */
function safe_object_compare(v: number, w: number): boolean {
  return PyObject_RichCompareBool(Py_heap[v], Py_heap[w], CompareOp.Py_LT);
}

/**
 * CPython 3.11 Objects/listobject.c: unsafe_object_compare: every key has the same type, so call its
 * tp_richcompare directly, skipping the reflected-operand dance of PyObject_RichCompare.
 */
function unsafe_object_compare(v: number, w: number, ms: MergeState): boolean {
  const vo = Py_heap[v];
  const wo = Py_heap[w];
  // No assumptions, because we check first.
  if (vo.ob_type.tp_richcompare !== ms.key_richcompare) return PyObject_RichCompareBool(vo, wo, CompareOp.Py_LT);
  const res = ms.key_richcompare!(vo, wo, CompareOp.Py_LT);
  if (res === Py_NotImplemented) return PyObject_RichCompareBool(vo, wo, CompareOp.Py_LT);
  return res as boolean;
}

/** CPython 3.11 Objects/listobject.c: unsafe_latin_compare: two str of one byte per character (memcmp). */
function unsafe_latin_compare(v: number, w: number): boolean {
  return (Py_heap[v] as PyUnicodeObject).value < (Py_heap[w] as PyUnicodeObject).value;
}

/**
 * ob_digit[0] of one-digit ints, by address. The pre-sort check reads every int key's value to prove it fits
 * one digit, and leaves it here: unsafe_long_compare then makes one 4-byte load per key, as C reads the
 * digit with one load, where Py_heap[v].value would make two dependent ones (the slot, then the object).
 * Ints never change, and every key stays alive through the sort. Kept, and grown, from sort to sort.
 */
let ob_digit = new Int32Array(1024);

/** Notes the one-digit int at addr for unsafe_long_compare. */
function set_digit(addr: number, value: number): void {
  if (addr >= ob_digit.length) {
    const grown = new Int32Array(Math.max(addr + 1, ob_digit.length * 2));
    grown.set(ob_digit);
    ob_digit = grown;
  }
  ob_digit[addr] = value;
}

/** CPython 3.11 Objects/listobject.c: unsafe_long_compare: two int of at most one 30-bit digit. */
function unsafe_long_compare(v: number, w: number): boolean {
  return ob_digit[v] < ob_digit[w];
}

/** CPython 3.11 Objects/listobject.c: unsafe_float_compare: two float. */
function unsafe_float_compare(v: number, w: number): boolean {
  return (Py_heap[v] as PyFloatObject).ob_fval < (Py_heap[w] as PyFloatObject).ob_fval;
}

/**
 * CPython 3.11 Objects/listobject.c: unsafe_tuple_compare: two non-empty tuples. Find the first index
 * where they differ, as tuplerichcompare does; if it is 0 (the usual case), compare the first items with
 * the comparison the pre-sort check chose for [t[0] for t in keys].
 */
function unsafe_tuple_compare(v: number, w: number, ms: MergeState): boolean {
  const vt = (Py_heap[v] as PyTupleObject).ob_item;
  const wt = (Py_heap[w] as PyTupleObject).ob_item;
  const vlen = vt.length;
  const wlen = wt.length;
  let i = 0;
  for (; i < vlen && i < wlen; i++) if (!PyObject_RichCompareBool(vt[i], wt[i], CompareOp.Py_EQ)) break;
  if (i >= vlen || i >= wlen) return vlen < wlen;
  if (i === 0) return ms.tuple_elem_compare(Py_ADDR(vt[i]), Py_ADDR(wt[i]), ms);
  return PyObject_RichCompareBool(vt[i], wt[i], CompareOp.Py_LT);
}
// #endregion key-compare

/** Py_ABS(Py_SIZE(v)) <= 1: the int fits in one 30-bit digit. */
function fitsOneDigit(v: PyLongObject): boolean {
  return typeof v.value === "number" && v.value > -(2 ** 30) && v.value < 2 ** 30;
}

/** PyUnicode_KIND(s) == PyUnicode_1BYTE_KIND: every code point is below 256. */
function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

// #region presort-check
/**
 * CPython 3.11 Objects/listobject.c: the pre-sort check of list_sort_impl. Assume the first key is
 * representative, then prove it on every key: do all keys have the same type (for tuples: their first
 * items)? Are all ints one digit, all strs one byte per character? The answer chooses ms.key_compare once,
 * so that each of the n log n comparisons skips the checks PyObject_RichCompareBool would make.
 */
function presort_check(ms: MergeState, n: number): void {
  const keys = ms.keys;
  const first = Py_heap[keys[0]];
  let keys_are_in_tuples = first.ob_type === PyTuple_Type && (first as PyTupleObject).ob_item.length > 0;
  const key_type = keys_are_in_tuples ? (first as PyTupleObject).ob_item[0].ob_type : first.ob_type;
  let keys_are_all_same_type = true;
  let strings_are_latin = true;
  let ints_are_bounded = true;
  for (let i = 0; i < n; i++) {
    const k = Py_heap[keys[i]];
    if (keys_are_in_tuples && !(k.ob_type === PyTuple_Type && (k as PyTupleObject).ob_item.length !== 0)) {
      keys_are_in_tuples = false;
      keys_are_all_same_type = false;
      break;
    }
    // For lists of tuples, the key checked is the tuple's first item.
    const key = keys_are_in_tuples ? (k as PyTupleObject).ob_item[0] : k;
    if (key.ob_type !== key_type) {
      keys_are_all_same_type = false;
      // Tuples must all be checked, to be sure every key is a tuple.
      if (!keys_are_in_tuples) break;
    }
    if (keys_are_all_same_type) {
      if (key_type === PyLong_Type) {
        if (ints_are_bounded && fitsOneDigit(key as PyLongObject)) set_digit(key === k ? keys[i] : Py_ADDR(key), (key as PyLongObject).value as number);
        else ints_are_bounded = false;
      } else if (key_type === PyUnicode_Type && strings_are_latin && !isLatin1((key as PyUnicodeObject).value)) strings_are_latin = false;
    }
  }
  // Choose the best compare, given what we now know about the keys.
  if (keys_are_all_same_type) {
    if (key_type === PyUnicode_Type && strings_are_latin) ms.key_compare = unsafe_latin_compare;
    else if (key_type === PyLong_Type && ints_are_bounded) ms.key_compare = unsafe_long_compare;
    else if (key_type === PyFloat_Type) ms.key_compare = unsafe_float_compare;
    else if ((ms.key_richcompare = key_type.tp_richcompare) !== undefined) ms.key_compare = unsafe_object_compare;
    else ms.key_compare = safe_object_compare;
  } else {
    ms.key_compare = safe_object_compare;
  }
  if (keys_are_in_tuples) {
    // Tuples of tuples compare their first items safely (key_type is the first items' type here).
    ms.tuple_elem_compare = key_type === PyTuple_Type ? safe_object_compare : ms.key_compare;
    ms.key_compare = unsafe_tuple_compare;
  }
}
// #endregion presort-check

/** CPython 3.11 Objects/listobject.c: gallop_right: like gallop_left, but after any items equal to key. */
export function gallop_right(ms: MergeState, key: number, a: Int32Array, base: number, n: number, hint: number): number {
  let lastofs = 0;
  let ofs = 1;
  if (ISLT(ms, key, a[base + hint])) {
    // key < a[hint]: gallop left, until a[hint - ofs] <= key < a[hint - lastofs].
    const maxofs = hint + 1;
    while (ofs < maxofs) {
      if (ISLT(ms, key, a[base + hint - ofs])) {
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      } else break;
    }
    if (ofs > maxofs) ofs = maxofs;
    const k = lastofs;
    lastofs = hint - ofs;
    ofs = hint - k;
  } else {
    // a[hint] <= key: gallop right, until a[hint + lastofs] <= key < a[hint + ofs].
    const maxofs = n - hint;
    while (ofs < maxofs) {
      if (ISLT(ms, key, a[base + hint + ofs])) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > maxofs) ofs = maxofs;
    lastofs += hint;
    ofs += hint;
  }
  // Binary search with the invariant a[lastofs - 1] <= key < a[ofs].
  ++lastofs;
  while (lastofs < ofs) {
    const m = lastofs + ((ofs - lastofs) >> 1);
    if (ISLT(ms, key, a[base + m])) ofs = m;
    else lastofs = m + 1;
  }
  return ofs;
}

/**
 * Moves k addresses of keys (and values) from `from` to `to`, in the list or between it and the temp space:
 * CPython's memcpy and memmove, here copyWithin and set, which move the bytes natively.
 */
function move(dst: Int32Array, dstv: Int32Array | null, to: number, src: Int32Array, srcv: Int32Array | null, from: number, k: number): void {
  if (src === dst) {
    dst.copyWithin(to, from, from + k);
    if (dstv) dstv.copyWithin(to, from, from + k);
  } else {
    dst.set(src.subarray(from, from + k), to);
    if (dstv) dstv.set(srcv!.subarray(from, from + k), to);
  }
}

/** CPython 3.11 Objects/listobject.c: MERGESTATE_TEMP_SIZE: the temp space a sort starts with. */
const MERGESTATE_TEMP_SIZE = 256;

/**
 * CPython 3.11 Objects/listobject.c: MERGE_GETMEM (merge_getmem): makes the temp space hold at least `need`
 * slots. The old space is dropped, not copied: the merge fills the new space from the start.
 */
function merge_getmem(ms: MergeState, need: number): void {
  if (need <= ms.alloced) return;
  ms.alloced = need;
  ms.a = new Int32Array(need);
  if (ms.values !== null) ms.av = new Int32Array(need);
}

/** CPython 3.11 Objects/listobject.c: sortslice_memcpy, into the temp space: dst[0:n] = src[from:from+n]. */
function copyToTemp(dst: Int32Array, src: Int32Array, from: number, n: number): Int32Array {
  dst.set(src.subarray(from, from + n));
  return dst;
}

// #region merge-lo
/**
 * CPython 3.11 Objects/listobject.c: merge_lo. Merges the na items at ssa with the nb items right after
 * them (na <= nb), copying run A out to temp space and filling the hole from the left. One-at-a-time
 * comparison until one run wins min_gallop times in a row, then galloping until neither does.
 */
function merge_lo(ms: MergeState, ssa: number, na: number, ssb: number, nb: number): void {
  const { keys, values } = ms;
  merge_getmem(ms, na);
  const ak = copyToTemp(ms.a, keys, ssa, na);
  const av = values ? copyToTemp(ms.av, values, ssa, na) : null;
  let dest = ssa;
  let pa = 0;
  let pb = ssb;
  let copyB = false;
  try {
    merge: {
      keys[dest] = keys[pb];
      if (values) values[dest] = values[pb];
      dest++;
      pb++;
      if (--nb === 0) break merge;
      if (na === 1) {
        copyB = true;
        break merge;
      }
      let min_gallop = ms.min_gallop;
      for (;;) {
        let acount = 0; // times A won in a row
        let bcount = 0; // times B won in a row
        for (;;) {
          if (ISLT(ms, keys[pb], ak[pa])) {
            keys[dest] = keys[pb];
            if (values) values[dest] = values[pb];
            dest++;
            pb++;
            ++bcount;
            acount = 0;
            if (--nb === 0) break merge;
            if (bcount >= min_gallop) break;
          } else {
            keys[dest] = ak[pa];
            if (values) values[dest] = av![pa];
            dest++;
            pa++;
            ++acount;
            bcount = 0;
            if (--na === 1) {
              copyB = true;
              break merge;
            }
            if (acount >= min_gallop) break;
          }
        }
        // One run is winning consistently: gallop, until neither run is.
        ++min_gallop;
        do {
          min_gallop -= min_gallop > 1 ? 1 : 0;
          ms.min_gallop = min_gallop;
          let k = gallop_right(ms, keys[pb], ak, pa, na, 0);
          acount = k;
          if (k) {
            move(keys, values, dest, ak, av, pa, k);
            dest += k;
            pa += k;
            na -= k;
            if (na === 1) {
              copyB = true;
              break merge;
            }
            // na == 0 is impossible for a consistent comparison, but cannot be assumed.
            if (na === 0) break merge;
          }
          keys[dest] = keys[pb];
          if (values) values[dest] = values[pb];
          dest++;
          pb++;
          if (--nb === 0) break merge;
          k = gallop_left(ms, ak[pa], keys, pb, nb, 0);
          bcount = k;
          if (k) {
            move(keys, values, dest, keys, values, pb, k);
            dest += k;
            pb += k;
            nb -= k;
            if (nb === 0) break merge;
          }
          keys[dest] = ak[pa];
          if (values) values[dest] = av![pa];
          dest++;
          pa++;
          if (--na === 1) {
            copyB = true;
            break merge;
          }
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop; // penalize it for leaving galloping mode
        ms.min_gallop = min_gallop;
      }
    }
  } finally {
    if (copyB) {
      // The last item of A belongs at the end of the merge.
      move(keys, values, dest, keys, values, pb, nb);
      move(keys, values, dest + nb, ak, av, pa, 1);
    } else if (na) {
      // Done, or a comparison raised: what is left of A goes back, so every item is in the list once.
      move(keys, values, dest, ak, av, pa, na);
    }
  }
}
// #endregion merge-lo

/**
 * CPython 3.11 Objects/listobject.c: merge_hi. The mirror image of merge_lo for na >= nb: run B goes to
 * temp space and the hole is filled from the right.
 */
function merge_hi(ms: MergeState, ssa: number, na: number, ssb: number, nb: number): void {
  const { keys, values } = ms;
  merge_getmem(ms, nb);
  const bk = copyToTemp(ms.a, keys, ssb, nb);
  const bv = values ? copyToTemp(ms.av, values, ssb, nb) : null;
  const basea = ssa;
  let dest = ssb + nb - 1;
  let pa = ssa + na - 1;
  let pb = nb - 1;
  let copyA = false;
  try {
    merge: {
      keys[dest] = keys[pa];
      if (values) values[dest] = values[pa];
      dest--;
      pa--;
      if (--na === 0) break merge;
      if (nb === 1) {
        copyA = true;
        break merge;
      }
      let min_gallop = ms.min_gallop;
      for (;;) {
        let acount = 0;
        let bcount = 0;
        for (;;) {
          if (ISLT(ms, bk[pb], keys[pa])) {
            keys[dest] = keys[pa];
            if (values) values[dest] = values[pa];
            dest--;
            pa--;
            ++acount;
            bcount = 0;
            if (--na === 0) break merge;
            if (acount >= min_gallop) break;
          } else {
            keys[dest] = bk[pb];
            if (values) values[dest] = bv![pb];
            dest--;
            pb--;
            ++bcount;
            acount = 0;
            if (--nb === 1) {
              copyA = true;
              break merge;
            }
            if (bcount >= min_gallop) break;
          }
        }
        ++min_gallop;
        do {
          min_gallop -= min_gallop > 1 ? 1 : 0;
          ms.min_gallop = min_gallop;
          let k = gallop_right(ms, bk[pb], keys, basea, na, na - 1);
          k = na - k;
          acount = k;
          if (k) {
            dest -= k;
            pa -= k;
            move(keys, values, dest + 1, keys, values, pa + 1, k);
            na -= k;
            if (na === 0) break merge;
          }
          keys[dest] = bk[pb];
          if (values) values[dest] = bv![pb];
          dest--;
          pb--;
          if (--nb === 1) {
            copyA = true;
            break merge;
          }
          k = gallop_left(ms, keys[pa], bk, 0, nb, nb - 1);
          k = nb - k;
          bcount = k;
          if (k) {
            dest -= k;
            pb -= k;
            move(keys, values, dest + 1, bk, bv, pb + 1, k);
            nb -= k;
            if (nb === 1) {
              copyA = true;
              break merge;
            }
            if (nb === 0) break merge;
          }
          keys[dest] = keys[pa];
          if (values) values[dest] = values[pa];
          dest--;
          pa--;
          if (--na === 0) break merge;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop;
        ms.min_gallop = min_gallop;
      }
    }
  } finally {
    if (copyA) {
      // The first item of B belongs at the front of the merge.
      move(keys, values, dest + 1 - na, keys, values, pa + 1 - na, na);
      move(keys, values, dest - na, bk, bv, pb, 1);
    } else if (nb) {
      move(keys, values, dest - (nb - 1), bk, bv, 0, nb);
    }
  }
}

// #region merge-at
/**
 * CPython 3.11 Objects/listobject.c: merge_at: merges runs i and i + 1 of the stack. Galloping first trims
 * the items of A already in place (before B's first) and of B already in place (after A's last).
 */
function merge_at(ms: MergeState, i: number): void {
  const p = ms.pending;
  let ssa = p[i].base;
  let na = p[i].len;
  const ssb = p[i + 1].base;
  let nb = p[i + 1].len;
  p[i].len = na + nb;
  p.splice(i + 1, 1);
  // Where does B start in A? Items of A before that are already in place.
  const k = gallop_right(ms, ms.keys[ssb], ms.keys, ssa, na, 0);
  ssa += k;
  na -= k;
  if (na === 0) return;
  // Where does A end in B? Items of B after that are already in place.
  nb = gallop_left(ms, ms.keys[ssa + na - 1], ms.keys, ssb, nb, nb - 1);
  if (nb <= 0) return;
  if (na <= nb) merge_lo(ms, ssa, na, ssb, nb);
  else merge_hi(ms, ssa, na, ssb, nb);
}
// #endregion merge-at

function traceMerge(ms: MergeState, i: number): void {
  merge_at(ms, i);
  ms.trace?.({ kind: "merge", base: ms.pending[i].base, len: ms.pending[i].len, stack: ms.pending.map((s) => ({ ...s })) });
}

// #region found-new-run
/**
 * CPython 3.11 Objects/listobject.c: found_new_run: a run of length n2 follows the top run. The top run's
 * power is the depth of the boundary between them in a perfectly balanced merge tree; runs below it with
 * a greater power are merged first. That is powersort, new in CPython 3.11.
 */
function found_new_run(ms: MergeState, n2: number): void {
  const p = ms.pending;
  if (p.length === 0) return;
  const s1 = p[p.length - 1].base;
  const n1 = p[p.length - 1].len;
  const power = powerloop(s1, n1, n2, ms.listlen);
  while (p.length > 1 && p[p.length - 2].power > power) traceMerge(ms, p.length - 2);
  p[p.length - 1].power = power;
}
// #endregion found-new-run

/** CPython 3.11 Objects/listobject.c: merge_force_collapse: at the end, merge everything, smaller first. */
function merge_force_collapse(ms: MergeState): void {
  const p = ms.pending;
  while (p.length > 1) {
    let n = p.length - 2;
    if (n > 0 && p[n - 1].len < p[n + 1].len) --n;
    traceMerge(ms, n);
  }
}

// #region minrun
/**
 * CPython 3.11 Objects/listobject.c: merge_compute_minrun: for n < 64, n itself; else a number in
 * [32, 64] such that n / minrun is a power of 2, or a little less than one.
 */
export function merge_compute_minrun(n: number): number {
  let r = 0; // becomes 1 if any 1 bits are shifted off
  while (n >= 64) {
    r |= n & 1;
    n = Math.floor(n / 2);
  }
  return n + r;
}
// #endregion minrun

/** The run-finding and merging loop of list_sort_impl, over ms.keys[0:n]. */
function timsort(ms: MergeState, n: number): void {
  let lo = 0;
  let nremaining = n;
  const minrun = merge_compute_minrun(nremaining);
  do {
    // Identify the next run; a descending one is reversed in place.
    const run = count_run(ms, lo, lo + nremaining);
    let len = run.n;
    if (run.descending) {
      reverse_slice(ms.keys, lo, lo + len);
      if (ms.values) reverse_slice(ms.values, lo, lo + len);
    }
    const natural = len;
    // If short, extend to min(minrun, nremaining) by binary insertion.
    if (len < minrun) {
      const force = nremaining <= minrun ? nremaining : minrun;
      binarysort(ms, lo, lo + force, lo + len);
      len = force;
    }
    found_new_run(ms, len);
    ms.pending.push({ base: lo, len, power: 0 });
    ms.trace?.({ kind: "run", base: lo, len, descending: run.descending, natural, stack: ms.pending.map((s) => ({ ...s })) });
    lo += len;
    nremaining -= len;
  } while (nremaining);
  merge_force_collapse(ms);
}

/** A key function: returns a new reference to the key of an item. */
export type KeyFunc = (item: PyObject) => PyObject;

/** What a sort reports besides sorting: the comparisons it made. */
export interface SortStats {
  comparisons: number;
}

// #region list-sort
/**
 * CPython 3.11 Objects/listobject.c: list_sort_impl. While sorting, the list is emptied (ob_item NULL,
 * allocated -1) so that code run by a key function or a comparison cannot see half-sorted items; if the
 * list is found changed afterwards, the sort raises "list modified during sort". With reverse=True the
 * list is reversed before and after, which keeps equal items in their original order.
 */
export function list_sort(self: PyListObject, keyfunc: KeyFunc | null = null, reverse = false, trace?: (event: SortEvent) => void): SortStats {
  const saved_ob_size = self.ob_size;
  // The list's block of addresses, sorted in place, as CPython sorts its array of pointers.
  const saved_block = self.ob_item;
  const saved_ob_item = saved_block ?? new Int32Array(0);
  const saved_allocated = self.allocated;
  self.ob_size = 0;
  self.ob_item = null;
  self.allocated = -1; // any operation will reset it to >= 0
  const stats: SortStats = { comparisons: 0 };
  let sortError: unknown = undefined;
  try {
    let keys: Int32Array | null = null;
    let nkeys = 0;
    if (keyfunc !== null) {
      keys = new Int32Array(saved_ob_size);
      try {
        for (; nkeys < saved_ob_size; nkeys++) keys[nkeys] = Py_ADDR(keyfunc(Py_heap[saved_ob_item[nkeys]]));
      } catch (e) {
        for (let i = 0; i < nkeys; i++) Py_DECREF(Py_heap[keys[i]]);
        throw e;
      }
    }
    const ms = new MergeState(keys ?? saved_ob_item, keys ? saved_ob_item : null, saved_ob_size);
    ms.trace = trace;
    try {
      if (saved_ob_size > 1) {
        presort_check(ms, saved_ob_size);
        if (reverse) {
          if (keys !== null) reverse_slice(keys, 0, saved_ob_size);
          reverse_slice(saved_ob_item, 0, saved_ob_size);
        }
        try {
          timsort(ms, saved_ob_size);
        } finally {
          if (reverse) reverse_slice(saved_ob_item, 0, saved_ob_size);
        }
      }
    } finally {
      stats.comparisons = ms.comparisons;
      if (keys !== null) for (let i = 0; i < nkeys; i++) Py_DECREF(Py_heap[keys[i]]);
    }
    if (self.allocated !== -1) throw new ValueError("list modified during sort");
  } catch (e) {
    sortError = e;
  }
  // The saved items go back, in their new order; whatever was put in the list meanwhile is released.
  const final_ob_item = self.ob_item;
  const final_size = self.ob_size;
  const final_allocated = self.allocated;
  self.ob_size = saved_ob_size;
  self.ob_item = saved_block;
  self.allocated = saved_allocated;
  if (final_ob_item !== null) {
    for (let i = final_size - 1; i >= 0; i--) Py_XDECREF(Py_heap[final_ob_item[i]]);
    PyMem_Free(final_allocated * POINTER_SIZE);
  }
  if (sortError !== undefined) throw sortError;
  return stats;
}
// #endregion list-sort
