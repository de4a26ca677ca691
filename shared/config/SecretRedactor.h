// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace ConfigEdit {

// The configuration text as the status group may read it: the value of every `dsn` key (a hook's database
// connection string, which may carry a password) replaced by "<redacted>" at the text level, so that comments and
// layout stay as they are. Key files are paths and TLS keys are never inlined in zrepl's schema, so `dsn` is the only
// secret a configuration holds.
class SecretRedactor
{
public:
    struct Result
    {
        QString text;
        int redacted = 0;  // values replaced
    };

    // Never returns a secret: when the text cannot be parsed (an invalid file) or the structured replacement does
    // not verify, every line mentioning a `dsn` key or one of the secrets is cut after the key instead.
    static Result redact(const QString &text);

    static constexpr char Placeholder[] = "<redacted>";
};

}  // namespace ConfigEdit
