;; The candidate search of keyword-search.ts: where, in a buffer, may one of up to eight groups
;; ("buckets") of short byte strings start? This is the "Teddy" algorithm of Hyperscan and of Rust's
;; aho-corasick crate, on WebAssembly's 128-bit SIMD: sixteen positions are tested at once by looking
;; up the low and the high nibble of the first three bytes in six 16-entry tables (i8x16.swizzle).
;; Entry n of a table has bit b set when some string of bucket b allows nibble n at that place; a
;; position whose six lookups share a bit is a candidate. Candidates are only likely matches (nibbles
;; of different strings of one bucket mix); the caller checks each one.
;;
;; Memory, laid out by keyword-search.ts:
;;   0..95     the six tables: low and high nibble of byte 0, then of byte 1, then of byte 2
;;   $out...   the candidates found, as i32 offsets into memory
;;   $start... the bytes to search; the 32 bytes after $end must be readable (their contents only
;;             ever make candidates at or after $end, which are not reported)
;;
;; Built by scripts/build-wasm.mjs into keyword-search-wasm.ts.
(module
  (memory (export "memory") 1)

  ;; Writes the candidates in [$start, $end), in order, from $out on; stops after $capacity of them.
  ;; Returns how many it wrote: fewer than $capacity means the search reached $end.
  (func (export "find")
    (param $start i32) (param $end i32) (param $out i32) (param $capacity i32) (result i32)
    (local $at i32) (local $found i32) (local $lanes i32) (local $candidate i32)
    (local $low0 v128) (local $high0 v128) (local $low1 v128) (local $high1 v128)
    (local $low2 v128) (local $high2 v128) (local $nibble v128) (local $bytes v128) (local $buckets v128)
    (local.set $low0 (v128.load (i32.const 0)))
    (local.set $high0 (v128.load (i32.const 16)))
    (local.set $low1 (v128.load (i32.const 32)))
    (local.set $high1 (v128.load (i32.const 48)))
    (local.set $low2 (v128.load (i32.const 64)))
    (local.set $high2 (v128.load (i32.const 80)))
    (local.set $nibble (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))
    (local.set $at (local.get $start))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        ;; Lane i of $buckets: the buckets whose strings may start at $at + i.
        (local.set $bytes (v128.load (local.get $at)))
        (local.set $buckets
          (v128.and
            (i8x16.swizzle (local.get $low0) (v128.and (local.get $bytes) (local.get $nibble)))
            (i8x16.swizzle (local.get $high0) (i8x16.shr_u (local.get $bytes) (i32.const 4)))))
        (local.set $bytes (v128.load offset=1 (local.get $at)))
        (local.set $buckets
          (v128.and (local.get $buckets)
            (v128.and
              (i8x16.swizzle (local.get $low1) (v128.and (local.get $bytes) (local.get $nibble)))
              (i8x16.swizzle (local.get $high1) (i8x16.shr_u (local.get $bytes) (i32.const 4))))))
        (local.set $bytes (v128.load offset=2 (local.get $at)))
        (local.set $buckets
          (v128.and (local.get $buckets)
            (v128.and
              (i8x16.swizzle (local.get $low2) (v128.and (local.get $bytes) (local.get $nibble)))
              (i8x16.swizzle (local.get $high2) (i8x16.shr_u (local.get $bytes) (i32.const 4))))))
        (if (v128.any_true (local.get $buckets))
          (then
            ;; One bit per lane with a candidate, lowest lane first.
            (local.set $lanes (i8x16.bitmask (i8x16.ne (local.get $buckets) (v128.const i64x2 0 0))))
            (loop $lane
              (local.set $candidate (i32.add (local.get $at) (i32.ctz (local.get $lanes))))
              (if (i32.lt_u (local.get $candidate) (local.get $end))
                (then
                  (i32.store
                    (i32.add (local.get $out) (i32.shl (local.get $found) (i32.const 2)))
                    (local.get $candidate))
                  (local.set $found (i32.add (local.get $found) (i32.const 1)))
                  (br_if $done (i32.eq (local.get $found) (local.get $capacity)))))
              (local.set $lanes (i32.and (local.get $lanes) (i32.sub (local.get $lanes) (i32.const 1))))
              (br_if $lane (local.get $lanes)))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $block)))
    (local.get $found))
)
