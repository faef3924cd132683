#include <leibniz/leibniz.hpp>

int main() { return 0; }
