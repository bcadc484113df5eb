;; The keyword search of keyword-search.ts: where, in a buffer, does one of up to 64 patterns of
;; byte sets (in up to sixteen "buckets") match? First the "Teddy" filter of Hyperscan and of
;; Rust's aho-corasick crate, on WebAssembly's 128-bit SIMD: sixteen positions are tested at once
;; by looking up the low and the high nibble of the first three bytes in 16-entry tables
;; (i8x16.swizzle), one set of six tables for buckets 0-7 and one for buckets 8-15 ("fat" Teddy).
;; Entry n of a table has bit b set when some pattern of bucket b allows nibble n at that place; a
;; position whose six lookups share a bit is a candidate. Then each candidate is checked, here and
;; not in JavaScript, against every pattern of the buckets it passed for, byte by byte against the
;; pattern's 256-bit sets: only real matches leave the kernel. A log has tens of matches per
;; megabyte and, with forty patterns, thousands of candidates.
;;
;; Memory, laid out by keyword-search.ts:
;;   0..95        buckets 0-7: low and high nibble tables of byte 0, then of byte 1, then of byte 2
;;   96..191      buckets 8-15: the same
;;   192..255     per bucket, the first pattern (u16) and how many (u16): patterns are in bucket order
;;   256..767     per pattern, where its sets start (i32) and how many places it has (i32)
;;   768..799     scratch: one block's buckets 0-7, then 8-15
;;   800..803     where the last call stopped (for the caller to resume)
;;   1024...      the patterns' sets: 32 bytes (256 bits) per place
;;   $out...      the matches found, as pairs of i32: position in memory, pattern
;;   $start...    the bytes to search; the 32 bytes after $end must be readable (their contents only
;;                ever make candidates at or after $end, which are not reported)
;;
;; Built by scripts/build-wasm.mjs into keyword-search-wasm.ts.
(module
  (memory (export "memory") 1)

  ;; True when the pattern at entry $entry matches at $at (and ends by $end).
  (func $matches (param $entry i32) (param $at i32) (param $end i32) (result i32)
    (local $sets i32) (local $length i32) (local $place i32) (local $byte i32)
    (local.set $sets (i32.load (local.get $entry)))
    (local.set $length (i32.load offset=4 (local.get $entry)))
    (if (i32.gt_u (i32.add (local.get $at) (local.get $length)) (local.get $end))
      (then (return (i32.const 0))))
    (block $no
      (loop $next
        (br_if $no (i32.ge_u (local.get $place) (local.get $length)))
        (local.set $byte (i32.load8_u (i32.add (local.get $at) (local.get $place))))
        ;; bit ($byte & 7) of byte ($byte >> 3) of this place's set
        (if (i32.eqz
              (i32.and
                (i32.load8_u
                  (i32.add
                    (i32.add (local.get $sets) (i32.shl (local.get $place) (i32.const 5)))
                    (i32.shr_u (local.get $byte) (i32.const 3))))
                (i32.shl (i32.const 1) (i32.and (local.get $byte) (i32.const 7)))))
          (then (return (i32.const 0))))
        (local.set $place (i32.add (local.get $place) (i32.const 1)))
        (br $next)))
    (i32.const 1))

  ;; Writes the matches in [$start, $end), in order of position, from $out on, as (position,
  ;; pattern) pairs; stops before the pairs could pass $capacity, and stores at 800 where to resume.
  ;; Returns how many pairs it wrote.
  (func (export "find")
    (param $start i32) (param $end i32) (param $out i32) (param $capacity i32) (result i32)
    (local $at i32) (local $found i32) (local $lanes i32) (local $candidate i32)
    (local $mask i32) (local $bucket i32) (local $pattern i32) (local $last i32)
    (local $low0 v128) (local $high0 v128) (local $low1 v128) (local $high1 v128)
    (local $low2 v128) (local $high2 v128) (local $fatLow0 v128) (local $fatHigh0 v128)
    (local $fatLow1 v128) (local $fatHigh1 v128) (local $fatLow2 v128) (local $fatHigh2 v128)
    (local $nibble v128) (local $bytes v128) (local $lo v128) (local $hi v128) (local $buckets v128) (local $fat v128)
    (local.set $low0 (v128.load (i32.const 0)))
    (local.set $high0 (v128.load (i32.const 16)))
    (local.set $low1 (v128.load (i32.const 32)))
    (local.set $high1 (v128.load (i32.const 48)))
    (local.set $low2 (v128.load (i32.const 64)))
    (local.set $high2 (v128.load (i32.const 80)))
    (local.set $fatLow0 (v128.load (i32.const 96)))
    (local.set $fatHigh0 (v128.load (i32.const 112)))
    (local.set $fatLow1 (v128.load (i32.const 128)))
    (local.set $fatHigh1 (v128.load (i32.const 144)))
    (local.set $fatLow2 (v128.load (i32.const 160)))
    (local.set $fatHigh2 (v128.load (i32.const 176)))
    (local.set $nibble (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))
    (local.set $at (local.get $start))
    (i32.store (i32.const 800) (local.get $end))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        ;; Lane i of $buckets / $fat: the buckets 0-7 / 8-15 whose patterns may start at $at + i.
        (local.set $bytes (v128.load (local.get $at)))
        (local.set $lo (v128.and (local.get $bytes) (local.get $nibble)))
        (local.set $hi (i8x16.shr_u (local.get $bytes) (i32.const 4)))
        (local.set $buckets
          (v128.and (i8x16.swizzle (local.get $low0) (local.get $lo)) (i8x16.swizzle (local.get $high0) (local.get $hi))))
        (local.set $fat
          (v128.and (i8x16.swizzle (local.get $fatLow0) (local.get $lo)) (i8x16.swizzle (local.get $fatHigh0) (local.get $hi))))
        (local.set $bytes (v128.load offset=1 (local.get $at)))
        (local.set $lo (v128.and (local.get $bytes) (local.get $nibble)))
        (local.set $hi (i8x16.shr_u (local.get $bytes) (i32.const 4)))
        (local.set $buckets
          (v128.and (local.get $buckets)
            (v128.and (i8x16.swizzle (local.get $low1) (local.get $lo)) (i8x16.swizzle (local.get $high1) (local.get $hi)))))
        (local.set $fat
          (v128.and (local.get $fat)
            (v128.and (i8x16.swizzle (local.get $fatLow1) (local.get $lo)) (i8x16.swizzle (local.get $fatHigh1) (local.get $hi)))))
        (local.set $bytes (v128.load offset=2 (local.get $at)))
        (local.set $lo (v128.and (local.get $bytes) (local.get $nibble)))
        (local.set $hi (i8x16.shr_u (local.get $bytes) (i32.const 4)))
        (local.set $buckets
          (v128.and (local.get $buckets)
            (v128.and (i8x16.swizzle (local.get $low2) (local.get $lo)) (i8x16.swizzle (local.get $high2) (local.get $hi)))))
        (local.set $fat
          (v128.and (local.get $fat)
            (v128.and (i8x16.swizzle (local.get $fatLow2) (local.get $lo)) (i8x16.swizzle (local.get $fatHigh2) (local.get $hi)))))
        (if (v128.any_true (v128.or (local.get $buckets) (local.get $fat)))
          (then
            (v128.store (i32.const 768) (local.get $buckets))
            (v128.store (i32.const 784) (local.get $fat))
            ;; One bit per lane with a candidate, lowest lane first.
            (local.set $lanes
              (i8x16.bitmask (i8x16.ne (v128.or (local.get $buckets) (local.get $fat)) (v128.const i64x2 0 0))))
            (loop $lane
              (local.set $candidate (i32.add (local.get $at) (i32.ctz (local.get $lanes))))
              (if (i32.lt_u (local.get $candidate) (local.get $end))
                (then
                  ;; Room for every pattern of this candidate, or stop here and resume from it.
                  (if (i32.gt_u (i32.add (local.get $found) (i32.const 64)) (local.get $capacity))
                    (then
                      (i32.store (i32.const 800) (local.get $candidate))
                      (br $done)))
                  ;; The candidate's buckets, 0-15.
                  (local.set $mask
                    (i32.or
                      (i32.load8_u (i32.add (i32.const 768) (i32.ctz (local.get $lanes))))
                      (i32.shl (i32.load8_u (i32.add (i32.const 784) (i32.ctz (local.get $lanes)))) (i32.const 8))))
                  (loop $bucket_bits
                    (local.set $bucket (i32.ctz (local.get $mask)))
                    (local.set $pattern (i32.load16_u (i32.add (i32.const 192) (i32.shl (local.get $bucket) (i32.const 2)))))
                    (local.set $last
                      (i32.add (local.get $pattern)
                        (i32.load16_u offset=2 (i32.add (i32.const 192) (i32.shl (local.get $bucket) (i32.const 2))))))
                    (block $bucket_done
                      (loop $patterns
                        (br_if $bucket_done (i32.ge_u (local.get $pattern) (local.get $last)))
                        (if (call $matches
                              (i32.add (i32.const 256) (i32.shl (local.get $pattern) (i32.const 3)))
                              (local.get $candidate) (local.get $end))
                          (then
                            (i32.store
                              (i32.add (local.get $out) (i32.shl (local.get $found) (i32.const 3)))
                              (local.get $candidate))
                            (i32.store offset=4
                              (i32.add (local.get $out) (i32.shl (local.get $found) (i32.const 3)))
                              (local.get $pattern))
                            (local.set $found (i32.add (local.get $found) (i32.const 1)))))
                        (local.set $pattern (i32.add (local.get $pattern) (i32.const 1)))
                        (br $patterns)))
                    (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
                    (br_if $bucket_bits (local.get $mask)))))
              (local.set $lanes (i32.and (local.get $lanes) (i32.sub (local.get $lanes) (i32.const 1))))
              (br_if $lane (local.get $lanes)))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $block)))
    (local.get $found))
)
