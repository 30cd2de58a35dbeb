// Lua 5.4.4 ltable.c: tables with an array part and a hash part.
//
// The array part holds the keys 1..asize (arr[k-1]); its size is chosen by rehash/computesizes exactly as
// ltable.c chooses it (the largest n such that more than half of 1..n are in use), which is what makes
// the length operator give Lua's answers on tables with holes. The hash part keeps Lua's node count
// (a power of two) and rehashes when it is full; its storage is a JS Map from a normalized key to a slot
// in parallel key/value arrays. Slots are never reused while their key is alive, and a key set to nil
// stays as a dead slot until the next rehash (as a dead key in ltable.c), so `next` walks the slots in a
// stable order and keeps working while a traversal assigns nil to fields.
import { LFloat, flttoint, type LuaValue } from "./lvalue.ts";

/** ltable.c: MAXABITS, the largest array part is 2^MAXABITS. */
const MAXABITS = 31;
const MAXASIZE = 2 ** MAXABITS;

/** Raised for a key that cannot be stored (nil or NaN); the VM turns it into a Lua error. */
export class TableKeyError {
  constructor(readonly msg: string) {}
}

type HashKey = unknown;

/** ltable.c: the key used to find a value in the hash part. Floats with an integral value are stored as
 * the integer (luaV_flttointns); other floats, integers, strings and objects stand for themselves. */
function hashkey(k: LuaValue): HashKey {
  if (k instanceof LFloat) {
    const i = flttoint(k.n);
    return i === undefined ? k.n : i;
  }
  return k;
}

/** lobject.h ceillog2: ceil(log2(x)) for x >= 1. */
function ceillog2(x: number): number {
  return x <= 1 ? 0 : 32 - Math.clz32(x - 1);
}

/** The shared storage of empty parts: never written, since a table with no room rehashes (newkey) or
 * resizes into storage of its own before it stores anything. */
const NOVALUES: LuaValue[] = [];
const NOKEYS = new Map<HashKey, number>();

export class LuaTable {
  /** The array part: arr[i] is t[i+1]; arr.length is the array size (alimit). */
  arr: LuaValue[] = NOVALUES;
  /** The hash part: slot of each key, and the slots' keys and values (undefined value: a dead key). An
   * empty part shares NOKEYS and NOVALUES (ltable.c's dummynode), so an empty table is one allocation. */
  hidx: Map<HashKey, number> = NOKEYS;
  hkeys: LuaValue[] = NOVALUES;
  hvals: LuaValue[] = NOVALUES;
  /** Number of nodes of the hash part (0 or a power of two): ltable.c sizenode. */
  hsize = 0;
  metatable: LuaTable | null = null;
  /** ltm.h: flags, a bit set for each fast metamethod known to be absent (only used on metatables). */
  flags = 0;

  // #region get
  /** ltable.c luaH_getint. */
  getInt(key: number): LuaValue {
    const i = key - 1;
    if (i >>> 0 === i && i < this.arr.length) return this.arr[i];
    if (this.hsize === 0) return undefined;
    const s = this.hidx.get(key);
    return s === undefined ? undefined : this.hvals[s];
  }

  /** ltable.c luaH_getshortstr. */
  getStr(key: string): LuaValue {
    if (this.hsize === 0) return undefined;
    const s = this.hidx.get(key);
    return s === undefined ? undefined : this.hvals[s];
  }

  /** ltable.c luaH_get: raw get for any key. */
  get(key: LuaValue): LuaValue {
    if (typeof key === "string") return this.getStr(key);
    if (typeof key === "number") {
      const i = key - 1;
      if (i >>> 0 === i && i < this.arr.length) return this.arr[i];
    } else if (key instanceof LFloat) {
      const k = hashkey(key);
      if (typeof k === "number") return this.getInt(k);
      key = k as LuaValue;
    }
    if (this.hsize === 0) return undefined;
    const s = this.hidx.get(key);
    return s === undefined ? undefined : this.hvals[s];
  }
  // #endregion get

  // #region set
  /** ltable.c luaH_setint (raw). */
  setInt(key: number, v: LuaValue): void {
    const i = key - 1;
    if (i >>> 0 === i && i < this.arr.length) {
      this.arr[i] = v;
      return;
    }
    this.setHash(key, key, v);
  }

  /** Raw t[key] = v for a string key. */
  setStr(key: string, v: LuaValue): void {
    this.setHash(key, key, v);
  }

  /** lvm.c luaV_fastset's case for a string key that is present (its value not nil): store v there and
   * return true; false when the key is absent, so a __newindex may apply. */
  replaceStr(key: string, v: LuaValue): boolean {
    if (this.hsize === 0) return false;
    const s = this.hidx.get(key);
    if (s === undefined || this.hvals[s] === undefined) return false;
    this.flags = 0;
    this.hvals[s] = v;
    return true;
  }

  /** ltable.c luaH_set / luaH_finishset (raw): any key; nil and NaN keys raise TableKeyError. */
  set(key: LuaValue, v: LuaValue): void {
    if (typeof key === "number") {
      const i = key - 1;
      if (i >>> 0 === i && i < this.arr.length) {
        this.arr[i] = v;
        return;
      }
    } else if (key instanceof LFloat) {
      const k = hashkey(key);
      if (typeof k === "number" && Number.isSafeInteger(k)) return this.setInt(k, v);
      return this.setHash(k, typeof k === "bigint" ? k : key, v);
    }
    this.setHash(key, key, v);
  }

  private setHash(hk: HashKey, key: LuaValue, v: LuaValue): void {
    this.flags = 0; // ltm.h invalidateTMcache: a metamethod may have been added
    const s = this.hidx.get(hk);
    if (s !== undefined) {
      this.hvals[s] = v;
      return;
    }
    this.newkey(hk, key, v);
  }

  /** ltable.c luaH_newkey: insert a key that is not present; rehash first when the hash part is full. */
  private newkey(hk: HashKey, key: LuaValue, v: LuaValue): void {
    if (key === undefined) throw new TableKeyError("index is nil");
    if (typeof key === "number" && Number.isNaN(key)) throw new TableKeyError("index is NaN");
    if (v === undefined) return; // assigning nil to an absent key creates nothing
    if (this.hkeys.length >= this.hsize) {
      this.rehash(hk);
      // the key may now belong to the array part
      if (typeof hk === "number" && Number.isSafeInteger(hk)) {
        const i = hk - 1;
        if (i >>> 0 === i && i < this.arr.length) {
          this.arr[i] = v;
          return;
        }
      }
    }
    this.hidx.set(hk, this.hkeys.length);
    this.hkeys.push(key);
    this.hvals.push(v);
  }
  // #endregion set

  // #region rehash
  /** ltable.c rehash: count the integer keys, choose the array size by computesizes, resize. */
  private rehash(extra: HashKey): void {
    const nums = new Array<number>(MAXABITS + 1).fill(0);
    let na = 0;
    let totaluse = 0;
    const arr = this.arr;
    for (let i = 0; i < arr.length; i++) {
      if (arr[i] !== undefined) {
        nums[ceillog2(i + 1)]!++;
        na++;
      }
    }
    totaluse = na;
    const countint = (k: HashKey): void => {
      if (typeof k === "number" && Number.isSafeInteger(k) && k >= 1 && k <= MAXASIZE) {
        nums[ceillog2(k)]!++;
        na++;
      }
    };
    for (let s = 0; s < this.hkeys.length; s++) {
      if (this.hvals[s] !== undefined) {
        countint(hashkey(this.hkeys[s]));
        totaluse++;
      }
    }
    countint(extra);
    totaluse++;
    // computesizes
    let a = 0;
    let nna = 0;
    let optimal = 0;
    for (let i = 0, twotoi = 1; twotoi <= MAXASIZE && na > twotoi / 2; i++, twotoi *= 2) {
      a += nums[i]!;
      if (a > twotoi / 2) {
        optimal = twotoi;
        nna = a;
      }
    }
    this.resize(optimal, totaluse - nna);
  }

  /** ltable.c luaH_resize: new array size and room for nhsize hash keys (rounded up to a power of 2). */
  resize(nasize: number, nhsize: number): void {
    const oldarr = this.arr;
    const oldkeys = this.hkeys;
    const oldvals = this.hvals;
    this.hsize = nhsize === 0 ? 0 : 2 ** ceillog2(nhsize);
    this.hidx = this.hsize === 0 ? NOKEYS : new Map();
    this.hkeys = this.hsize === 0 ? NOVALUES : [];
    this.hvals = this.hsize === 0 ? NOVALUES : [];
    if (nasize < oldarr.length) {
      this.arr = nasize === 0 ? NOVALUES : oldarr.slice(0, nasize);
      for (let i = nasize; i < oldarr.length; i++) {
        if (oldarr[i] !== undefined) this.reinsert(i + 1, i + 1, oldarr[i]);
      }
    } else if (nasize > oldarr.length) {
      const arr = oldarr === NOVALUES ? [] : oldarr;
      for (let i = oldarr.length; i < nasize; i++) arr.push(undefined);
      this.arr = arr;
    }
    for (let s = 0; s < oldkeys.length; s++) {
      const v = oldvals[s];
      if (v !== undefined) this.reinsert(hashkey(oldkeys[s]), oldkeys[s], v);
    }
  }

  private reinsert(hk: HashKey, key: LuaValue, v: LuaValue): void {
    if (typeof hk === "number" && Number.isSafeInteger(hk)) {
      const i = hk - 1;
      if (i >>> 0 === i && i < this.arr.length) {
        this.arr[i] = v;
        return;
      }
    }
    this.hidx.set(hk, this.hkeys.length);
    this.hkeys.push(key);
    this.hvals.push(v);
  }
  // #endregion rehash

  // #region getn
  /** ltable.c luaH_getn: a border of the table (t[n] ~= nil and t[n+1] == nil, or 0). */
  getn(): number {
    const arr = this.arr;
    const limit = arr.length;
    if (limit > 0 && arr[limit - 1] === undefined) {
      if (limit >= 2 && arr[limit - 2] !== undefined) return limit - 1;
      // binsearch in [0, limit]
      let i = 0;
      let j = limit;
      while (j - i > 1) {
        const m = (i + j) >>> 1;
        if (arr[m - 1] === undefined) j = m;
        else i = m;
      }
      return i;
    }
    if (this.hsize === 0 || this.getInt(limit + 1) === undefined) return limit;
    return this.hash_search(limit);
  }

  /** ltable.c hash_search: unbound search for a border beyond the array part. */
  private hash_search(j: number): number {
    let i: number;
    if (j === 0) j++;
    do {
      i = j;
      if (j <= Number.MAX_SAFE_INTEGER / 2) j *= 2;
      else return i;
    } while (this.getInt(j) !== undefined);
    while (j - i > 1) {
      const m = Math.floor((i + j) / 2);
      if (this.getInt(m) === undefined) j = m;
      else i = m;
    }
    return i;
  }
  // #endregion getn

  /** ltable.c luaH_next: the entry after `key` (undefined: the first), or null at the end. Throws
   * TableKeyError for a key that is not in the table. */
  next(key: LuaValue): [LuaValue, LuaValue] | null {
    const arr = this.arr;
    let i = 0;
    let s = 0;
    if (key !== undefined) {
      const hk = hashkey(key);
      if (typeof hk === "number" && Number.isSafeInteger(hk) && hk >= 1 && hk <= arr.length) i = hk;
      else {
        const slot = this.hidx.get(hk);
        if (slot === undefined) throw new TableKeyError("invalid key to 'next'");
        i = arr.length;
        s = slot + 1;
      }
    }
    for (; i < arr.length; i++) {
      if (arr[i] !== undefined) return [i + 1, arr[i]];
    }
    const keys = this.hkeys;
    const vals = this.hvals;
    for (; s < keys.length; s++) {
      if (vals[s] !== undefined) return [keys[s], vals[s]];
    }
    return null;
  }
}
