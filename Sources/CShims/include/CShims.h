#ifndef GEX_CSHIMS_H
#define GEX_CSHIMS_H
/*
 * CShims: the few vector operations Swift cannot express efficiently. Imported by OptionsMath
 * (vector square root) and Archives (CSV comma masks) (docs/style.md guideline 1); it provides no
 * stable API of its own.
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

/*
 * gex_csv_split: cell boundaries of one unquoted CSV line p[0..<n] (no line terminator): for each
 * cell k, starts[k] and ends[k] (exclusive) byte offsets. Returns the number of cells (>= 1), -1 when
 * the line holds a double quote (the caller splits it with its quote-aware loop), or -2 when the line
 * has more than capacity - 40 cells (the caller grows its storage and retries). Comma positions come
 * from vector compares and a byte mask (movemask): 32 bytes per step with AVX2 (then one 16-byte step
 * for the rest), 16 with SSE2 (the x86-64 baseline), one byte at a time elsewhere. The first six commas of a step are stored without a
 * branch on how many there are (a missing one writes past the cells found and is overwritten later),
 * so a step costs no misprediction unless it holds more than six. Static inline: compiled into the
 * Swift caller with that module's -m flags.
 */
#include <stdint.h>
#if defined(__AVX2__) || defined(__SSE2__)
#include <immintrin.h>
#endif

/* The cells ended by the commas of one step: m has bit k set for a comma at p[i + k], width is the
   step's length. The first `unrolled` commas are stored without a branch on how many there are (a
   missing one writes past the cells found and is overwritten later); more go through a loop. Returns
   the new cell count. */
static inline long gex_csv_step(uint32_t m, long i, long width, int unrolled, long cells, long *starts, long *ends) {
    long found = __builtin_popcount(m);  /* POPCNT, or a branch-free bit sequence without it */
    for (int k = 0; k < unrolled; k++) {
        long c = i + (m ? __builtin_ctz(m) : width);
        ends[cells + k] = c;
        starts[cells + k + 1] = c + 1;
        m &= m - 1;
    }
    for (long k = cells + unrolled; m != 0; k++) {
        long c = i + __builtin_ctz(m);
        ends[k] = c;
        starts[k + 1] = c + 1;
        m &= m - 1;
    }
    return cells + found;
}

#if defined(__SSE2__)
/* One 16-byte step at p + i: -1 when it holds a double quote, else the new cell count. */
static inline long gex_csv_step16(const uint8_t *p, long i, long cells, long *starts, long *ends) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"'))) != 0) return -1;
    uint32_t m = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')));
    return gex_csv_step(m, i, 16, 4, cells, starts, ends);
}
#endif

static inline long gex_csv_split(const uint8_t *p, long n, long *starts, long *ends, long capacity) {
    long cells = 0, i = 0;
    if (capacity < 48) return -2;
    starts[0] = 0;
#if defined(__AVX2__)
    const __m256i comma = _mm256_set1_epi8(','), quote = _mm256_set1_epi8('"');
    for (; i + 32 <= n; i += 32) {
        if (cells + 40 > capacity) return -2;
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
        if (_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, quote)) != 0) return -1;
        uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, comma));
        cells = gex_csv_step(m, i, 32, 6, cells, starts, ends);
    }
    /* One 16-byte step for the rest of a line (on average half of 32 bytes would go byte by byte). */
    if (i + 16 <= n) {
        if (cells + 40 > capacity) return -2;
        if ((cells = gex_csv_step16(p, i, cells, starts, ends)) < 0) return -1;
        i += 16;
    }
#elif defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
        if (cells + 40 > capacity) return -2;
        if ((cells = gex_csv_step16(p, i, cells, starts, ends)) < 0) return -1;
    }
#endif
    for (; i < n; i++) {
        uint8_t b = p[i];
        if (b == '"') return -1;
        if (b == ',') {
            if (cells + 2 > capacity) return -2;
            ends[cells] = i;
            starts[cells + 1] = i + 1;
            cells++;
        }
    }
    ends[cells] = n;
    return cells + 1;
}

/* The vector ISA this C target was compiled for: 0 = baseline x86-64 (SSE2) or other,
   2 = AVX2 + FMA (GEX_SIMD=avx2), 5 = AVX-512F (GEX_SIMD=avx512). For benchmark reports. */
int gex_cshims_simd_level(void);

#endif
