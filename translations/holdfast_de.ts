<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Gui::AppSettings</name>
    <message>
        <source>Cannot remove %1.</source>
        <translation>%1 kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Gui::Application</name>
    <message>
        <source>No system tray is available: Holdfast runs as a window only.</source>
        <translation>Kein Infobereich verfügbar: Holdfast läuft nur als Fenster.</translation>
    </message>
    <message>
        <source>Shows what the Holdfast (or zrepl) daemon does.</source>
        <translation>Zeigt an, was der Holdfast- (oder zrepl-)Daemon tut.</translation>
    </message>
    <message>
        <source>Start in the system tray.</source>
        <translation>Im Infobereich starten.</translation>
    </message>
    <message>
        <source>The daemon&apos;s control socket.</source>
        <translation>Der Steuersocket des Daemons.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
</context>
<context>
    <name>Gui::BackupFreshness</name>
    <message>
        <source>The last receive</source>
        <translation>Der letzte Empfang</translation>
    </message>
    <message>
        <source>The daemon reports no filesystems for this job</source>
        <translation>Der Daemon meldet für diesen Job keine Dateisysteme</translation>
    </message>
    <message>
        <source>%1 has no snapshot yet</source>
        <translation>%1 hat noch keinen Snapshot</translation>
    </message>
    <message>
        <source>Nothing received into %1 yet</source>
        <translation>Nach %1 wurde noch nichts empfangen</translation>
    </message>
    <message>
        <source>%1 has not been replicated yet</source>
        <translation>%1 wurde noch nicht repliziert</translation>
    </message>
    <message>
        <source>The newest snapshot: %1</source>
        <translation>Der neueste Snapshot: %1</translation>
    </message>
    <message>
        <source>The last receive into %1</source>
        <translation>Der letzte Empfang nach %1</translation>
    </message>
    <message>
        <source>The newest snapshot the receiver has: %1</source>
        <translation>Der neueste Snapshot beim Empfänger: %1</translation>
    </message>
    <message>
        <source>The stalest of the job&apos;s %1 filesystems: the job is only as fresh as it.</source>
        <translation>Das älteste der %1 Dateisysteme des Jobs: Der Job ist nur so aktuell wie dieses.</translation>
    </message>
    <message>
        <source>Next snapshot: %1</source>
        <translation>Nächster Snapshot: %1</translation>
    </message>
    <message>
        <source>Next replication: %1</source>
        <translation>Nächste Replikation: %1</translation>
    </message>
    <message>
        <source>Nothing scheduled: this job waits for a wakeup or for its peer</source>
        <translation>Nichts geplant: Dieser Job wartet auf ein Wakeup oder auf seine Gegenseite</translation>
    </message>
    <message>
        <source>zrepl does not report snapshot ages, so the GUI cannot tell whether the backups are recent enough; the icon shows the last run only</source>
        <translation>zrepl meldet kein Alter der Snapshots, daher kann die Oberfläche nicht beurteilen, ob die Sicherungen aktuell genug sind; das Symbol zeigt nur den letzten Lauf</translation>
    </message>
    <message>
        <source>Waiting for the daemon&apos;s freshness report</source>
        <translation>Warte auf den Aktualitätsbericht des Daemons</translation>
    </message>
    <message>
        <source>When the last completed replication finished; the snapshots it sent are older</source>
        <translation>Ende der letzten vollständigen Replikation; die dabei gesendeten Snapshots sind älter</translation>
    </message>
    <message>
        <source>The daemon&apos;s report shows no completed replication</source>
        <translation>Der Bericht des Daemons zeigt keine vollständige Replikation</translation>
    </message>
    <message>
        <source>zrepl does not report snapshot ages: how old the replicated data is cannot be known</source>
        <translation>zrepl meldet kein Alter der Snapshots: Wie alt die replizierten Daten sind, lässt sich nicht feststellen</translation>
    </message>
    <message>
        <source>The newest snapshot of the snapshotter&apos;s last round</source>
        <translation>Der neueste Snapshot der letzten Snapshot-Runde</translation>
    </message>
    <message>
        <source>The daemon&apos;s report shows no snapshot taken</source>
        <translation>Der Bericht des Daemons zeigt keinen erstellten Snapshot</translation>
    </message>
    <message>
        <source>zrepl does not report snapshot ages: snapshots of earlier rounds are not known</source>
        <translation>zrepl meldet kein Alter der Snapshots: Snapshots früherer Runden sind unbekannt</translation>
    </message>
    <message>
        <source>zrepl does not report what a %1 job received or sent</source>
        <translation>zrepl meldet nicht, was ein %1-Job empfangen oder gesendet hat</translation>
    </message>
    <message>
        <source>A replication follows each snapshot round</source>
        <translation>Auf jede Snapshot-Runde folgt eine Replikation</translation>
    </message>
    <message>
        <source>zrepl does not report when a pull job runs next</source>
        <translation>zrepl meldet nicht, wann ein pull-Job als Nächstes läuft</translation>
    </message>
</context>
<context>
    <name>Gui::FilesystemsModel</name>
    <message>
        <source>zrepl does not report snapshot ages or counts</source>
        <translation>zrepl meldet weder Alter noch Anzahl der Snapshots</translation>
    </message>
    <message>
        <source>Waiting for the daemon&apos;s freshness report</source>
        <translation>Warte auf den Aktualitätsbericht des Daemons</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Snap jobs do not replicate</source>
        <translation>Snap-Jobs replizieren nicht</translation>
    </message>
    <message>
        <source>Last received: %1</source>
        <translation>Zuletzt empfangen: %1</translation>
    </message>
    <message>
        <source>Data safe as of %1</source>
        <translation>Daten gesichert mit Stand %1</translation>
    </message>
    <message>
        <source>Replication finished: %1</source>
        <translation>Replikation beendet: %1</translation>
    </message>
    <message>
        <source>The newest snapshot the receiver has: %1</source>
        <translation>Der neueste Snapshot beim Empfänger: %1</translation>
    </message>
    <message>
        <source>Not replicated yet</source>
        <translation>Noch nicht repliziert</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>No snapshot</source>
        <translation>Kein Snapshot</translation>
    </message>
    <message>
        <source>%1@%2, created %3</source>
        <translation>%1@%2, erstellt %3</translation>
    </message>
    <message>
        <source>The daemon has no size estimate for them</source>
        <translation>Der Daemon hat für sie keine Größenschätzung</translation>
    </message>
    <message>
        <source>Only senders have snapshots to replicate</source>
        <translation>Nur Sender haben Snapshots zu replizieren</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Filesystem</source>
        <translation>Dateisystem</translation>
    </message>
    <message>
        <source>Last replicated</source>
        <translation>Zuletzt repliziert</translation>
    </message>
    <message>
        <source>Newest snapshot</source>
        <translation>Neuester Snapshot</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Not yet replicated</source>
        <translation>Noch nicht repliziert</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>Gui::Format</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T.</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T. %2 Std.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>in %1 s</source>
        <translation>in %1 s</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
</context>
<context>
    <name>Gui::JobActions</name>
    <message>
        <source>Start the selected job&apos;s replication or snapshotting now</source>
        <translation>Replikation oder Snapshot-Erstellung des ausgewählten Auftrags jetzt starten</translation>
    </message>
    <message>
        <source>Abort what the selected job is doing</source>
        <translation>Laufende Tätigkeit des ausgewählten Auftrags abbrechen</translation>
    </message>
    <message>
        <source>Reset the selected job</source>
        <translation>Ausgewählten Auftrag zurücksetzen</translation>
    </message>
    <message>
        <source>Sink and source jobs wait for the other side: they take no signals</source>
        <translation>Sink- und Source-Aufträge warten auf die Gegenseite: Sie nehmen keine Signale an</translation>
    </message>
    <message>
        <source>Read-only: resetting a job needs root or the daemon&apos;s admin group (global.control.admin_group)</source>
        <translation>Nur Lesezugriff: Zum Zurücksetzen eines Auftrags sind Root-Rechte oder die Admin-Gruppe des Daemons nötig (global.control.admin_group)</translation>
    </message>
    <message>
        <source>You may watch the jobs, but sending signals needs root or the daemon&apos;s admin group (global.control.admin_group).</source>
        <translation>Sie können die Aufträge beobachten, aber zum Senden von Signalen sind Root-Rechte oder die Admin-Gruppe des Daemons nötig (global.control.admin_group).</translation>
    </message>
    <message>
        <source>Read-only: waking up a job needs root or the daemon&apos;s admin group (global.control.admin_group)</source>
        <translation>Nur Lesezugriff: Zum Aufwecken eines Auftrags sind Root-Rechte oder die Admin-Gruppe des Daemons nötig (global.control.admin_group)</translation>
    </message>
</context>
<context>
    <name>Gui::JobSummaries</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <source>Waiting to reconnect</source>
        <translation>Wartet auf erneute Verbindung</translation>
    </message>
    <message>
        <source>Planning replication</source>
        <translation>Replikation wird geplant</translation>
    </message>
    <message>
        <source>Replication planning failed</source>
        <translation>Planung der Replikation fehlgeschlagen</translation>
    </message>
    <message>
        <source>Replication failed for some filesystems</source>
        <translation>Replikation bei einigen Dateisystemen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Replicated</source>
        <translation>Repliziert</translation>
    </message>
    <message>
        <source>Pruning</source>
        <translation>Bereinigung läuft</translation>
    </message>
    <message>
        <source>Serving</source>
        <translation>Bedient Anfragen</translation>
    </message>
    <message>
        <source>Snapshotting</source>
        <translation>Snapshots werden erstellt</translation>
    </message>
    <message>
        <source>%1: snapshot failed</source>
        <translation>%1: Snapshot fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1: a hook failed</source>
        <translation>%1: Ein Hook ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Replicating: %1 of %2 filesystems done</source>
        <translation>Replikation läuft: %1 von %2 Dateisystemen fertig</translation>
    </message>
</context>
<context>
    <name>Gui::JobsTableModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Last snapshot: %1</source>
        <translation>Letzter Snapshot: %1</translation>
    </message>
    <message>
        <source>%1 of %2 filesystems done; some steps have no size estimate</source>
        <translation>%1 von %2 Dateisystemen fertig; für einige Schritte gibt es keine Größenschätzung</translation>
    </message>
    <message>
        <source>%1 of %2 filesystems done</source>
        <translation>%1 von %2 Dateisystemen fertig</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Last backup: %1</source>
        <translation>Letzte Sicherung: %1</translation>
    </message>
    <message>
        <source>Last backup: unknown</source>
        <translation>Letzte Sicherung: unbekannt</translation>
    </message>
    <message>
        <source>Last run ended: %1</source>
        <translation>Letzter Lauf endete: %1</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>Letzte Sicherung</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächster Lauf</translation>
    </message>
</context>
<context>
    <name>Gui::MainWindow</name>
    <message>
        <source>Holdfast</source>
        <translation>Holdfast</translation>
    </message>
    <message>
        <source>&amp;Wake Up</source>
        <translation>&amp;Aufwecken</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Copy Status as &amp;JSON</source>
        <translation>Status als &amp;JSON kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Error</source>
        <translation>&amp;Fehler kopieren</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation>A&amp;uftrag</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Show only filesystems with errors</source>
        <translation>Nur Dateisysteme mit Fehlern anzeigen</translation>
    </message>
    <message>
        <source>No errors</source>
        <translation>Keine Fehler</translation>
    </message>
    <message>
        <source>Replication</source>
        <translation>Replikation</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Pruning</source>
        <translation>Bereinigung</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert um %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Connected to the daemon at %1</source>
        <translation>Mit dem Daemon unter %1 verbunden</translation>
    </message>
    <message>
        <source>The daemon is not running (nothing listens at %1). Retrying…</source>
        <translation>Der Daemon läuft nicht (unter %1 lauscht niemand). Wird erneut versucht…</translation>
    </message>
    <message>
        <source>Permission denied on %1: this user may not read the daemon&apos;s status. Retrying…</source>
        <translation>Zugriff auf %1 verweigert: Dieser Benutzer darf den Status des Daemons nicht lesen. Wird erneut versucht…</translation>
    </message>
    <message>
        <source>No answer from the daemon: %1. Retrying…</source>
        <translation>Keine Antwort vom Daemon: %1. Wird erneut versucht…</translation>
    </message>
    <message>
        <source>Errors (!)</source>
        <translation>Fehler (!)</translation>
    </message>
    <message>
        <source>Reset %1?</source>
        <translation>%1 zurücksetzen?</translation>
    </message>
    <message>
        <source>Reset aborts what job %1 is doing now. An interrupted replication resumes on the next run.</source>
        <translation>Zurücksetzen bricht ab, was der Auftrag %1 gerade tut. Eine unterbrochene Replikation wird beim nächsten Lauf fortgesetzt.</translation>
    </message>
    <message>
        <source>The daemon refused: %1</source>
        <translation>Der Daemon hat abgelehnt: %1</translation>
    </message>
    <message>
        <source>Status copied to the clipboard</source>
        <translation>Status in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>Error copied to the clipboard</source>
        <translation>Fehler in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Nur Lesezugriff</translation>
    </message>
    <message>
        <source>Show the filesystems of all jobs</source>
        <translation>Die Dateisysteme aller Jobs anzeigen</translation>
    </message>
    <message>
        <source>Filesystems</source>
        <translation>Dateisysteme</translation>
    </message>
    <message>
        <source>This daemon (zrepl) does not report snapshot ages, counts or health: shown is what its status tells, the last replication and snapshot round.</source>
        <translation>Dieser Daemon (zrepl) meldet weder Alter noch Anzahl der Snapshots noch ihren Zustand: Angezeigt wird, was sein Status verrät, die letzte Replikation und Snapshot-Runde.</translation>
    </message>
</context>
<context>
    <name>Gui::NotificationRules</name>
    <message>
        <source>Job “%1” failed</source>
        <translation>Auftrag „%1“ fehlgeschlagen</translation>
    </message>
    <message>
        <source>Job “%1” works again</source>
        <translation>Auftrag „%1“ funktioniert wieder</translation>
    </message>
    <message>
        <source>Its last run, ended %1, completed after a failure.</source>
        <translation>Sein letzter Lauf, beendet am %1, war nach einem Fehlschlag wieder erfolgreich.</translation>
    </message>
    <message>
        <source>Its last snapshots, taken %1, succeeded after a failure.</source>
        <translation>Seine letzten Snapshots, erstellt am %1, waren nach einem Fehlschlag wieder erfolgreich.</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>No new snapshots for “%1”</source>
        <translation>Keine neuen Snapshots für „%1“</translation>
    </message>
    <message>
        <source>The newest snapshot was taken %1, %2.</source>
        <translation>Der neueste Snapshot wurde am %1 erstellt, %2.</translation>
    </message>
    <message>
        <source>The Holdfast daemon cannot be reached</source>
        <translation>Der Holdfast-Daemon ist nicht erreichbar</translation>
    </message>
    <message>
        <source>The daemon is not running: no snapshots are taken, nothing is replicated.</source>
        <translation>Der Daemon läuft nicht: Es werden keine Snapshots erstellt und nichts repliziert.</translation>
    </message>
    <message>
        <source>You may not use the daemon&apos;s control socket.</source>
        <translation>Sie dürfen den Steuersocket des Daemons nicht verwenden.</translation>
    </message>
    <message>
        <source>The daemon does not answer as it should.</source>
        <translation>Der Daemon antwortet nicht wie erwartet.</translation>
    </message>
    <message>
        <source>“%1” has no recent backup</source>
        <translation>„%1“ hat keine aktuelle Sicherung</translation>
    </message>
    <message>
        <source>“%1” is falling behind</source>
        <translation>„%1“ fällt zurück</translation>
    </message>
</context>
<context>
    <name>Gui::PruningModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>planning</source>
        <translation>wird geplant</translation>
    </message>
    <message>
        <source>planning failed</source>
        <translation>Planung fehlgeschlagen</translation>
    </message>
    <message>
        <source>pruning</source>
        <translation>wird bereinigt</translation>
    </message>
    <message>
        <source>pruning failed</source>
        <translation>Bereinigung fehlgeschlagen</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>Destroyed:
%1</source>
        <translation>Gelöscht:
%1</translation>
    </message>
    <message>
        <source>To destroy:
%1</source>
        <translation>Zu löschen:
%1</translation>
    </message>
    <message>
        <source>Filesystem</source>
        <translation>Dateisystem</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Destroyed</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>Gui::ReplicationModel</name>
    <message>
        <source>planning</source>
        <translation>wird geplant</translation>
    </message>
    <message>
        <source>planning failed</source>
        <translation>Planung fehlgeschlagen</translation>
    </message>
    <message>
        <source>replicating</source>
        <translation>wird repliziert</translation>
    </message>
    <message>
        <source>failed for some filesystems</source>
        <translation>bei einigen Dateisystemen fehlgeschlagen</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>replicating step %1 of %2</source>
        <translation>wird repliziert, Schritt %1 von %2</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>full → %1</source>
        <translation>vollständig → %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>fortgesetzt</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>verschlüsselt</translation>
    </message>
    <message>
        <source>encrypted if the sender is</source>
        <translation>verschlüsselt, falls auf dem Sender verschlüsselt</translation>
    </message>
    <message>
        <source>Attempt %1 — %2, %3–%4</source>
        <translation>Versuch %1 — %2, %3–%4</translation>
    </message>
    <message>
        <source>Attempt %1 — %2, since %3</source>
        <translation>Versuch %1 — %2, seit %3</translation>
    </message>
    <message>
        <source>Attempt %1 — %2</source>
        <translation>Versuch %1 — %2</translation>
    </message>
    <message>
        <source>%1 of %2 filesystems done, %3 failed</source>
        <translation>%1 von %2 Dateisystemen fertig, %3 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 of %2 filesystems done</source>
        <translation>%1 von %2 Dateisystemen fertig</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>Gestartet: %1</translation>
    </message>
    <message>
        <source>Started %1
Finished %2</source>
        <translation>Gestartet: %1
Beendet: %2</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Datenrate</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>Gui::SettingsDialog</name>
    <message>
        <source>Holdfast Settings</source>
        <translation>Holdfast-Einstellungen</translation>
    </message>
    <message>
        <source>Daemon</source>
        <translation>Daemon</translation>
    </message>
    <message>
        <source>The daemon&apos;s control socket (global.control.sockpath in its configuration)</source>
        <translation>Der Steuersocket des Daemons (global.control.sockpath in dessen Konfiguration)</translation>
    </message>
    <message>
        <source>Control &amp;socket:</source>
        <translation>&amp;Steuersocket:</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>&amp;Refresh every:</source>
        <translation>&amp;Aktualisieren alle:</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>&amp;Closing the window keeps Holdfast in the system tray</source>
        <translation>Holdfast beim Schließen des Fensters im &amp;Infobereich behalten</translation>
    </message>
    <message>
        <source>Start &amp;minimized to the tray</source>
        <translation>&amp;Minimiert im Infobereich starten</translation>
    </message>
    <message>
        <source>Start Holdfast when I &amp;log in</source>
        <translation>Holdfast bei der Anme&amp;ldung starten</translation>
    </message>
    <message>
        <source>Notify me when</source>
        <translation>Benachrichtigen, wenn</translation>
    </message>
    <message>
        <source>a job &amp;fails (replication, snapshots or pruning)</source>
        <translation>ein Auftrag &amp;fehlschlägt (Replikation, Snapshots oder Bereinigung)</translation>
    </message>
    <message>
        <source>the &amp;daemon cannot be reached</source>
        <translation>der &amp;Daemon nicht erreichbar ist</translation>
    </message>
    <message>
        <source>a replication completes a&amp;gain after a failure</source>
        <translation>eine Replikation nach einem Fehler &amp;wieder gelingt</translation>
    </message>
    <message>
        <source> h</source>
        <comment>hours</comment>
        <translation> h</translation>
    </message>
    <message>
        <source>backups fall behind (with zrepl: the newest snapshot is older than)</source>
        <translation>Sicherungen zurückfallen (mit zrepl: der neueste Snapshot älter ist als)</translation>
    </message>
    <message>
        <source>Holdfast&apos;s daemon says when a job&apos;s backups are stale, by the thresholds in its configuration. zrepl&apos;s daemon does not, so against zrepl the newest snapshot&apos;s age is compared with this limit.</source>
        <translation>Der Daemon von Holdfast meldet nach den Schwellen in seiner Konfiguration, wann die Sicherungen eines Jobs veraltet sind. Der Daemon von zrepl tut das nicht, daher wird bei zrepl das Alter des neuesten Snapshots mit dieser Grenze verglichen.</translation>
    </message>
</context>
<context>
    <name>Gui::SignalSender</name>
    <message>
        <source>%1 woken up</source>
        <translation>%1 aufgeweckt</translation>
    </message>
    <message>
        <source>%1 reset</source>
        <translation>%1 zurückgesetzt</translation>
    </message>
</context>
<context>
    <name>Gui::SnapshottingModel</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>waiting for the first snapshot time</source>
        <translation>wartet auf den ersten Snapshot-Zeitpunkt</translation>
    </message>
    <message>
        <source>failed to find the first snapshot time, retrying</source>
        <translation>erster Snapshot-Zeitpunkt nicht ermittelbar, wird erneut versucht</translation>
    </message>
    <message>
        <source>planning</source>
        <translation>wird geplant</translation>
    </message>
    <message>
        <source>snapshotting</source>
        <translation>Snapshots werden erstellt</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>failed, retrying</source>
        <translation>fehlgeschlagen, wird erneut versucht</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>A hook failed</source>
        <translation>Ein Hook ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>A hook failed:
%1</source>
        <translation>Ein Hook ist fehlgeschlagen:
%1</translation>
    </message>
    <message>
        <source>Filesystem</source>
        <translation>Dateisystem</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>Hooks</source>
        <translation>Hooks</translation>
    </message>
</context>
<context>
    <name>Gui::StatusPoller</name>
    <message>
        <source>The daemon&apos;s status could not be read: %1</source>
        <translation>Der Status des Daemons konnte nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>Gui::TrayController</name>
    <message>
        <source>Holdfast</source>
        <translation>Holdfast</translation>
    </message>
    <message>
        <source>&amp;Open Holdfast</source>
        <translation>Holdfast ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Wake Up &amp;All Jobs</source>
        <translation>&amp;Alle Aufträge aufwecken</translation>
    </message>
    <message>
        <source>&amp;Wake Up</source>
        <translation>Auf&amp;wecken</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>No jobs</source>
        <translation>Keine Aufträge</translation>
    </message>
</context>
<context>
    <name>Gui::TrayStates</name>
    <message>
        <source>Holdfast: connecting to the daemon</source>
        <translation>Holdfast: Verbindung zum Daemon wird hergestellt</translation>
    </message>
    <message>
        <source>Holdfast: no connection to the daemon
%1</source>
        <translation>Holdfast: Keine Verbindung zum Daemon
%1</translation>
    </message>
    <message>
        <source>Holdfast</source>
        <translation>Holdfast</translation>
    </message>
    <message>
        <source> (last replication %1)</source>
        <translation> (letzte Replikation am %1)</translation>
    </message>
    <message>
        <source> (not replicated yet)</source>
        <translation> (noch nicht repliziert)</translation>
    </message>
    <message>
        <source>No jobs configured</source>
        <translation>Keine Aufträge konfiguriert</translation>
    </message>
    <message>
        <source>, last backup %1</source>
        <translation>, letzte Sicherung %1</translation>
    </message>
    <message>
        <source>, no backup yet</source>
        <translation>, noch keine Sicherung</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
</TS>
