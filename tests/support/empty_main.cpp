// main() for executables whose real test already ran at compile time.
int main() { return 0; }
