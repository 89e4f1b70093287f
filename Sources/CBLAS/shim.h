#ifndef GAMMASURFACE_CBLAS_SHIM_H
#define GAMMASURFACE_CBLAS_SHIM_H
/* OpenBLAS's CBLAS interface (Debian libopenblas-dev, pthread variant, LP64).
   Only the LinearAlgebra target imports this module. */
#include <cblas.h>
#endif
