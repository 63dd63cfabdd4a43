#include "CFuzzerDriver.h"

// A weak reference: an ordinary build links without libFuzzer and sees a null address; the fuzz
// build forces the symbol in (`-u LLVMFuzzerRunDriver`) from libclang_rt.fuzzer_no_main.
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t)) __attribute__((weak));

int kefu_fuzzer_available(void) { return LLVMFuzzerRunDriver != 0; }

int kefu_fuzzer_run(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t)) {
    if (LLVMFuzzerRunDriver == 0) return 2;
    return LLVMFuzzerRunDriver(argc, argv, callback);
}
