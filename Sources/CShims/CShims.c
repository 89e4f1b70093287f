#include "CShims.h"

int gex_cshims_simd_level(void) {
#if defined(__AVX512F__)
    return 5;
#elif defined(__AVX2__) && defined(__FMA__)
    return 2;
#else
    return 0;
#endif
}
