#include "build_info.h"

// Package.swift defines PANTAU_COMMIT from $PANTAU_BUILD_COMMIT; a plain build has none.
#ifndef PANTAU_COMMIT
#define PANTAU_COMMIT ""
#endif

const char *pantau_build_commit(void) { return PANTAU_COMMIT; }
