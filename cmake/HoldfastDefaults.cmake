# One INTERFACE target carries the language level, warnings and Qt definitions for every target.
add_library(holdfast_defaults INTERFACE)
target_compile_features(holdfast_defaults INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_definitions(holdfast_defaults INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    HOLDFAST_VERSION_STRING="${PROJECT_VERSION}")
target_compile_options(holdfast_defaults INTERFACE -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor
    -Woverloaded-virtual -Wformat=2)
# Debian's hardening (dpkg-buildflags): stack protector, full RELRO with immediate binding, and fortified libc calls
# where the optimizer makes them possible (_FORTIFY_SOURCE warns without it, and warnings are errors).
target_compile_options(holdfast_defaults INTERFACE -fstack-protector-strong)
if(NOT HOLDFAST_SANITIZE)
    target_compile_definitions(holdfast_defaults INTERFACE $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
endif()
target_link_options(holdfast_defaults INTERFACE LINKER:-z,relro LINKER:-z,now)
if(HOLDFAST_SANITIZE)
    target_compile_options(holdfast_defaults INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(holdfast_defaults INTERFACE -fsanitize=address,undefined)
endif()
if(HOLDFAST_FUZZ)
    # Coverage instrumentation for the libraries the fuzz targets drive; libFuzzer's main comes with the targets.
    target_compile_options(holdfast_defaults INTERFACE -fsanitize=fuzzer-no-link)
endif()
