#ifndef GAMMASURFACE_CCRYPTO_SHIM_H
#define GAMMASURFACE_CCRYPTO_SHIM_H
/* OpenSSL libcrypto (Debian libssl-dev): SHA-256 of input files for metadata.json provenance
   (it dispatches to the SHA-NI / AVX2 code paths at run time). Only Reports imports this module. */
#include <openssl/evp.h>
#endif
