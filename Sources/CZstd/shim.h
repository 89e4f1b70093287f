#ifndef GAMMASURFACE_CZSTD_SHIM_H
#define GAMMASURFACE_CZSTD_SHIM_H
/* Zstandard (Debian libzstd-dev): compresses Parquet data pages. Only Reports imports this module. */
#include <zstd.h>
#endif
