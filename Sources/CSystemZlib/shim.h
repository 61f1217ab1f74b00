// The system's zlib (Debian zlib1g-dev), for reading the bundled gzip copy of the
// official region list (data/wilayah/wilayah.csv.gz).
#include <zlib.h>
