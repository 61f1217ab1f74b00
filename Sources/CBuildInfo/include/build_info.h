#ifndef PANTAU_BUILD_INFO_H
#define PANTAU_BUILD_INFO_H

/// The commit the binary was built from, as given by scripts/package-deb
/// (PANTAU_BUILD_COMMIT in the environment of `swift build`); "" for a plain build.
const char *pantau_build_commit(void);

#endif
