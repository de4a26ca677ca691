// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <optional>

#include <QObject>

#include "app/core/ConfigClient.h"

namespace Gui {

// The daemon's configuration as the window edits it: the document last read (text, version, whether this user may
// change it), and edits applied on top of that version. An edit is a function of the text, so that when someone
// else changed the file in between (409) it can be made again on top of their version: retryOnTop() reads the file
// anew and applies the same edit to it.
class ConfigSession final : public QObject
{
    Q_OBJECT

public:
    // The new text for `text`, or nullopt with what went wrong in `error` (the job is gone from the file, say).
    using Edit = std::function<std::optional<QString>(const QString &text, QString *error)>;

    explicit ConfigSession(Api::ControlClient &client, QObject *parent = nullptr);

    ConfigClient &client()
    {
        return m_client;
    }

    // Reads the document (again). Answers in documentChanged().
    void reload();
    // Another daemon: what was read from the one before is gone.
    void forget();

    bool isLoading() const
    {
        return m_loadId != 0;
    }

    const std::optional<Api::ConfigDocument> &document() const
    {
        return m_document;
    }

    // Why the document could not be read; empty when it was.
    const std::optional<ConfigFailure> &loadFailure() const
    {
        return m_loadFailure;
    }

    // The document was read and this user may change it.
    bool isEditable() const
    {
        return m_document && m_document->editable;
    }

    QStringList jobNames() const;

    // Applies edit(document text) with the document's version as the base. false (and nothing sent) when there is
    // no editable document, another apply is under way, or the edit fails (applyFailed() then says why).
    bool applyEdit(Edit edit, Api::RestartPolicy restart);
    // After a Conflict: reads the file anew and makes the same edit on top of it.
    void retryOnTop();
    // After a failure: the edit is given up.
    void abandon();

    bool isApplying() const
    {
        return m_applyId != 0 || m_retrying;
    }

    bool hasPendingEdit() const
    {
        return bool(m_edit);
    }

Q_SIGNALS:
    // The document was read, could not be read, or was forgotten.
    void documentChanged();
    // The daemon wrote the file and reloaded (or tried to: `report.ok` says whether it runs the new text).
    void applied(const Api::ReloadReport &report);
    void applyFailed(const Gui::ConfigFailure &failure);

private:
    void handleDocument(quint64 id, const Api::ConfigDocument &document);
    void handleApplied(quint64 id, const Api::ReloadReport &report);
    void handleFailed(quint64 id, const Gui::ConfigFailure &failure);
    void sendEdit();

    ConfigClient m_client;
    quint64 m_loadId = 0;
    quint64 m_applyId = 0;
    std::optional<Api::ConfigDocument> m_document;
    std::optional<ConfigFailure> m_loadFailure;
    Edit m_edit;
    Api::RestartPolicy m_restart = Api::RestartPolicy::WhenIdle;
    bool m_retrying = false;  // a reload for retryOnTop() is under way
};

}  // namespace Gui
