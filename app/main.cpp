// SPDX-License-Identifier: MIT
#include "app/ui/Application.h"

int main(int argc, char **argv)
{
    return Gui::runApplication(argc, argv);
}
