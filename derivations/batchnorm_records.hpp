// The records of the batch-normalization sections (2.2 and 2.3), built from
// batchnorm.hpp. Unlike the other sections' records() this one is compiled,
// not header-only: its parts (derivations/batchnorm/*.cpp, one translation
// unit each) take up to 1.5 GiB each to compile with g++, too much for one.
#pragma once
#include <vector>

#include "record.hpp"

namespace leibniz::derivations::batchnorm {

/// Every record of 2.2 and 2.3, in order; each names itself ("bn.dl-dgamma.outside").
std::vector<record> records();

}  // namespace leibniz::derivations::batchnorm
