// SPDX-License-Identifier: MIT
#include "shared/control/VersionInfo.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

#include "shared/control/JsonReader.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {

// Go's GOARCH names for the architectures Debian builds.
QString goArch(const QString &qtArch)
{
    if (qtArch == "x86_64"_L1) {
        return u"amd64"_s;
    }
    if (qtArch == "i386"_L1) {
        return u"386"_s;
    }
    if (qtArch == "arm64"_L1) {
        return u"arm64"_s;
    }
    if (qtArch.startsWith("arm"_L1)) {
        return u"arm"_s;
    }
    return qtArch;
}

QString compilerName()
{
#if defined(__clang__)
    return u"clang-%1.%2.%3"_s.arg(__clang_major__).arg(__clang_minor__).arg(__clang_patchlevel__);
#elif defined(__GNUC__)
    return u"gcc-%1.%2.%3"_s.arg(__GNUC__).arg(__GNUC_MINOR__).arg(__GNUC_PATCHLEVEL__);
#else
    return u"unknown"_s;
#endif
}

}  // namespace

VersionInfo VersionInfo::current()
{
    return {u"v"_s + QStringLiteral(HOLDFAST_VERSION_STRING),
            QSysInfo::kernelType(),
            goArch(QSysInfo::buildCpuArchitecture()),
            compilerName()};
}

QString VersionInfo::toString() const
{
    const QString product = runtimeCompiler == "gc"_L1 ? u"zrepl"_s : u"holdfast"_s;
    return u"%1 version=%2 GOOS=%3 GOARCH=%4 Compiler=%5"_s.arg(product, version, runtimeGoos, runtimeGoarch,
                                                                  runtimeCompiler);
}

QByteArray VersionInfo::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.key("Version");
    w.value(version);
    w.key("RuntimeGOOS");
    w.value(runtimeGoos);
    w.key("RuntimeGOARCH");
    w.value(runtimeGoarch);
    w.key("RUNTIMECompiler");
    w.value(runtimeCompiler);
    w.endObject();
    return w.take();
}

std::optional<VersionInfo> VersionInfo::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = u"version answer is not a JSON object"_s;
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    JsonReader r;
    VersionInfo v{r.string(o, "Version"_L1, {}),
                  r.string(o, "RuntimeGOOS"_L1, {}),
                  r.string(o, "RuntimeGOARCH"_L1, {}),
                  r.string(o, "RUNTIMECompiler"_L1, {})};
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return v;
}

}  // namespace Api
