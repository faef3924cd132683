// Fixture of check_layers.sh: a header that includes nothing.
#pragma once
