#ifndef GAMMASURFACE_CLAPACKE_SHIM_H
#define GAMMASURFACE_CLAPACKE_SHIM_H
/* LAPACKE (Debian liblapacke-dev, LP64). C99 `double _Complex` does not import
   into Swift, so complex scalars are given a plain struct of the same x86_64
   SysV layout; the real-valued routines are unaffected.
   Only the LinearAlgebra target imports this module. */
typedef struct { float  real, imag; } gs_lapack_complex_float;
typedef struct { double real, imag; } gs_lapack_complex_double;
#define LAPACK_COMPLEX_CUSTOM
#define lapack_complex_float  gs_lapack_complex_float
#define lapack_complex_double gs_lapack_complex_double
#include <lapacke.h>
#endif
