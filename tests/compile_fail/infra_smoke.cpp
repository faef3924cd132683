// expect: smoke: expected message
// Infrastructure smoke test. With LEIBNIZ_COMPILE_FAIL the file must fail to
// compile with the message above; without it (the twin) it must compile.
#ifdef LEIBNIZ_COMPILE_FAIL
static_assert(sizeof(int) == 0, "smoke: expected message");
#else
static_assert(sizeof(int) != 0, "smoke: expected message");
#endif
