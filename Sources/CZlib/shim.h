#ifndef GAMMASURFACE_CZLIB_SHIM_H
#define GAMMASURFACE_CZLIB_SHIM_H
/* zlib (Debian zlib1g-dev): gzip and raw-deflate streams. Only Archives imports this module. */
#include <zlib.h>
#endif
