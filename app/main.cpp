// SPDX-License-Identifier: MIT
#include <cstring>

#include <QtGlobal>

#include "app/ui/Application.h"

// --help and --version only print, but QApplication aborts before the parser runs when there is no display (a
// console, ssh, help2man at build time): for them the offscreen platform serves, with the same parser's messages.
static bool onlyPrints(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *option : {"-h", "--help", "--help-all", "-?", "-v", "--version"}) {
            if (std::strcmp(argv[i], option) == 0) {
                return true;
            }
        }
    }
    return false;
}

int main(int argc, char **argv)
{
    if (onlyPrints(argc, argv)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    return Gui::runApplication(argc, argv);
}
