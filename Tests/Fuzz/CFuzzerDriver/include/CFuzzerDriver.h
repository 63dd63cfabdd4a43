#ifndef KEFU_C_FUZZER_DRIVER_H
#define KEFU_C_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// 1 when libFuzzer is linked in (kefu-fuzz built by Tests/Fuzz/run with -sanitize-coverage and
/// libclang_rt.fuzzer_no_main), 0 in an ordinary build.
int kefu_fuzzer_available(void);

/// libFuzzer's own driver (LLVMFuzzerRunDriver) with the given arguments and callback.
int kefu_fuzzer_run(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
