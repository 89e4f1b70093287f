#ifndef GEX_CSHIMS_H
#define GEX_CSHIMS_H
/*
 * CShims: the few vector operations Swift cannot express efficiently. Imported only by
 * OptionsMath (docs/style.md guideline 1); it provides no stable API of its own.
 *
 * gex_sqrt8: lane-wise IEEE square root of 8 doubles (correctly rounded, sqrt(-x) = NaN,
 * sqrt(+inf) = +inf, sqrt(-0) = -0). Swift's SIMD8<Double>.squareRoot() is scalarised into
 * 8 vsqrtsd plus libm fallbacks (docs/swift-performance.md §9, item 3); this static inline
 * function is compiled by Swift's Clang importer with the target's -m flags, so it becomes
 * 4 x sqrtpd (SSE2, the portable build), 2 x vsqrtpd ymm (GEX_SIMD=avx2) or 1 x vsqrtpd zmm
 * (GEX_SIMD=avx512), inlined into the Swift loop.
 */

typedef double gex_double8 __attribute__((ext_vector_type(8)));

static inline __attribute__((always_inline)) gex_double8 gex_sqrt8(gex_double8 x) {
    return __builtin_elementwise_sqrt(x);
}

/* The vector ISA this C target was compiled for: 0 = baseline x86-64 (SSE2) or other,
   2 = AVX2 + FMA (GEX_SIMD=avx2), 5 = AVX-512F (GEX_SIMD=avx512). For benchmark reports. */
int gex_cshims_simd_level(void);

#endif
