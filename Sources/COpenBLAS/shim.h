// The C interfaces the engine calls: CBLAS and OpenBLAS's own controls from OpenBLAS
// (Debian: libopenblas-dev), LAPACKE from liblapacke-dev.
#ifndef MLHUB_COPENBLAS_SHIM_H
#define MLHUB_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
