// Fixture of check_layers.sh: a directory the table has no row for.
#pragma once
