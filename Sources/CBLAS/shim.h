#ifndef GAMMASURFACE_CBLAS_SHIM_H
#define GAMMASURFACE_CBLAS_SHIM_H
/* OpenBLAS's CBLAS interface (Debian libopenblas-dev, pthread variant, LP64).
   Only the LinearAlgebra target imports this module. */
#include <cblas.h>

/* OpenBLAS's pthread server: stops its worker threads (joined before it returns); the next call that
   needs more than one thread starts them again. Exported by the pthread build Debian installs. */
int blas_thread_shutdown_(void);
#endif
