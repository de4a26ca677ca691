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
    <message>
        <source>Show the versions of a file or folder in its snapshots, in a window of its own.</source>
        <translation>Die Versionen einer Datei oder eines Ordners in ihren Snapshots in einem eigenen Fenster zeigen.</translation>
    </message>
</context>
<context>
    <name>Gui::BackupBrowser</name>
    <message>
        <source>This daemon (zrepl) cannot mount backups for browsing</source>
        <translation>Dieser Daemon (zrepl) kann Sicherungen nicht zum Durchsuchen einhängen</translation>
    </message>
    <message>
        <source>Read-only: browsing a backup needs root or the daemon&apos;s admin group (global.control.admin_group)</source>
        <translation>Nur Lesezugriff: Eine Sicherung durchsuchen erfordert root oder die Admin-Gruppe des Daemons (global.control.admin_group)</translation>
    </message>
    <message>
        <source>The daemon could not list the snapshots of %1: %2</source>
        <translation>Der Daemon konnte die Snapshots von %1 nicht auflisten: %2</translation>
    </message>
    <message>
        <source>The daemon&apos;s list of snapshots could not be read: %1</source>
        <translation>Die Snapshot-Liste des Daemons konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the daemon named no folder where it is mounted</source>
        <translation>der Daemon nannte keinen Ordner, in dem er eingehängt ist</translation>
    </message>
    <message>
        <source>%1 is no longer mounted for browsing: %2</source>
        <translation>%1 ist nicht mehr zum Durchsuchen eingehängt: %2</translation>
    </message>
    <message>
        <source>%1 could not be mounted for browsing: %2</source>
        <translation>%1 konnte nicht zum Durchsuchen eingehängt werden: %2</translation>
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
    <name>Gui::BackupSetupController</name>
    <message>
        <source>&amp;New Backup…</source>
        <translation>&amp;Neue Sicherung…</translation>
    </message>
    <message>
        <source>&amp;Edit Job…</source>
        <translation>Job &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>Re&amp;move Job…</source>
        <translation>Job &amp;entfernen…</translation>
    </message>
    <message>
        <source>Edit &amp;Configuration (Advanced)…</source>
        <translation>&amp;Konfiguration bearbeiten (Erweitert)…</translation>
    </message>
    <message>
        <source>Read the configuration (it cannot be changed: %1)</source>
        <translation>Die Konfiguration lesen (sie lässt sich nicht ändern: %1)</translation>
    </message>
    <message>
        <source>Remove Job</source>
        <translation>Job entfernen</translation>
    </message>
    <message>
        <source>Job %1 could not be removed: %2</source>
        <translation>Job %1 konnte nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>Job %1 was not removed: another change is being applied</source>
        <translation>Job %1 wurde nicht entfernt: Gerade wird eine andere Änderung übernommen</translation>
    </message>
    <message>
        <source>Remove job %1?</source>
        <translation>Job %1 entfernen?</translation>
    </message>
    <message>
        <source>%1. Nothing was written. Reload the configuration and remove job %2 from it as it is now?</source>
        <translation>%1. Es wurde nichts geschrieben. Die Konfiguration neu laden und Job %2 aus ihrem jetzigen Stand entfernen?</translation>
    </message>
    <message>
        <source>Reload and Remove</source>
        <translation>Neu laden und entfernen</translation>
    </message>
</context>
<context>
    <name>Gui::ConfigActions</name>
    <message>
        <source>Not connected to the daemon</source>
        <translation>Nicht mit dem Daemon verbunden</translation>
    </message>
    <message>
        <source>The daemon lets this user read the configuration only</source>
        <translation>Der Daemon lässt diesen Benutzer die Konfiguration nur lesen</translation>
    </message>
    <message>
        <source>The daemon lets this user watch only: changing the configuration needs root or its admin group</source>
        <translation>Der Daemon lässt diesen Benutzer nur zusehen: Die Konfiguration zu ändern erfordert root oder seine Admin-Gruppe</translation>
    </message>
    <message>
        <source>Reading the configuration…</source>
        <translation>Die Konfiguration wird gelesen…</translation>
    </message>
    <message>
        <source>The configuration has not been read yet</source>
        <translation>Die Konfiguration wurde noch nicht gelesen</translation>
    </message>
    <message>
        <source>A change is being applied</source>
        <translation>Eine Änderung wird gerade übernommen</translation>
    </message>
    <message>
        <source>Set up a new backup: its jobs are added to %1 and start at once</source>
        <translation>Eine neue Sicherung einrichten: Ihre Jobs werden zu %1 hinzugefügt und starten sofort</translation>
    </message>
    <message>
        <source>Edit %1 as text, checked by the daemon as you type; shows the changes before they are applied</source>
        <translation>%1 als Text bearbeiten, vom Daemon beim Tippen geprüft; zeigt die Änderungen, bevor sie übernommen werden</translation>
    </message>
    <message>
        <source>Select a job first</source>
        <translation>Wählen Sie zuerst einen Job aus</translation>
    </message>
    <message>
        <source>Job %1 is not in the configuration file (any more)</source>
        <translation>Job %1 steht (nicht mehr) in der Konfigurationsdatei</translation>
    </message>
    <message>
        <source>A sink job has no schedule or retention of its own: the jobs that push to it decide. Use Edit Configuration (Advanced)… to change it</source>
        <translation>Ein Sink-Job hat keinen eigenen Zeitplan und keine eigene Aufbewahrung: Das entscheiden die Jobs, die zu ihm senden. Ändern Sie ihn mit »Konfiguration bearbeiten (Erweitert)…«</translation>
    </message>
    <message>
        <source>Change the schedule, retention or filesystems of %1; the rest of the file stays as written</source>
        <translation>Zeitplan, Aufbewahrung oder Dateisysteme von %1 ändern; der Rest der Datei bleibt, wie er geschrieben ist</translation>
    </message>
    <message>
        <source>Remove %1 from the configuration: it stops; its snapshots and holds stay</source>
        <translation>%1 aus der Konfiguration entfernen: Der Job hält an; seine Snapshots und Holds bleiben</translation>
    </message>
</context>
<context>
    <name>Gui::ConfigApplyDialog</name>
    <message>
        <source>Apply the changes to %1?</source>
        <translation>Die Änderungen an %1 übernehmen?</translation>
    </message>
    <message>
        <source>The daemon writes %1 (keeping the version before as %1.bak) and reloads it.</source>
        <translation>Der Daemon schreibt %1 (die vorige Fassung bleibt als %1.bak erhalten) und lädt die Datei neu.</translation>
    </message>
    <message>
        <source>The file was changed since the daemon last read it: the diff shows the file, the daemon runs an older version.</source>
        <translation>Die Datei wurde geändert, seit der Daemon sie zuletzt gelesen hat: Der Vergleich zeigt die Datei, der Daemon läuft mit einer älteren Fassung.</translation>
    </message>
    <message>
        <source>%1 (now)</source>
        <translation>%1 (jetzt)</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation>%1 (bearbeitet)</translation>
    </message>
    <message>
        <source>When should the changed jobs restart?</source>
        <translation>Wann sollen die geänderten Jobs neu starten?</translation>
    </message>
    <message>
        <source>once they are idle: a replication under way finishes first</source>
        <translation>sobald sie untätig sind: Eine laufende Replikation wird erst beendet</translation>
    </message>
    <message>
        <source>now: work under way stops, and an interrupted replication resumes after the restart</source>
        <translation>jetzt: Laufende Arbeit hält an, und eine unterbrochene Replikation wird nach dem Neustart fortgesetzt</translation>
    </message>
</context>
<context>
    <name>Gui::ConfigChangeText</name>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>Adds job %1.</source>
        <translation>Fügt Job %1 hinzu.</translation>
    </message>
    <message>
        <source>Adds jobs %1.</source>
        <translation>Fügt die Jobs %1 hinzu.</translation>
    </message>
    <message>
        <source>Changes job %1.</source>
        <translation>Ändert Job %1.</translation>
    </message>
    <message>
        <source>Changes jobs %1.</source>
        <translation>Ändert die Jobs %1.</translation>
    </message>
    <message>
        <source>Removes job %1.</source>
        <translation>Entfernt Job %1.</translation>
    </message>
    <message>
        <source>Removes jobs %1.</source>
        <translation>Entfernt die Jobs %1.</translation>
    </message>
    <message>
        <source>Changes %1.</source>
        <translation>Ändert %1.</translation>
    </message>
    <message>
        <source>Changes %1, which take effect when the daemon restarts.</source>
        <translation>Ändert %1; das wirkt, wenn der Daemon neu startet.</translation>
    </message>
    <message>
        <source>Changes nothing the daemon runs.</source>
        <translation>Ändert nichts an dem, was der Daemon ausführt.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>The daemon did not take the file and keeps running the configuration it ran before: %1</source>
        <translation>Der Daemon hat die Datei nicht übernommen und läuft mit der bisherigen Konfiguration weiter: %1</translation>
    </message>
    <message>
        <source>Job %1 started.</source>
        <translation>Job %1 wurde gestartet.</translation>
    </message>
    <message>
        <source>Jobs %1 started.</source>
        <translation>Die Jobs %1 wurden gestartet.</translation>
    </message>
    <message>
        <source>Restarted with the new settings: %1.</source>
        <translation>Mit den neuen Einstellungen neu gestartet: %1.</translation>
    </message>
    <message>
        <source>%1 restart(s) with the new settings once the work under way is done.</source>
        <translation>%1: Neustart mit den neuen Einstellungen, sobald die laufende Arbeit erledigt ist.</translation>
    </message>
    <message>
        <source>Changed: %1.</source>
        <translation>Geändert: %1.</translation>
    </message>
    <message>
        <source>Job %1 stopped.</source>
        <translation>Job %1 wurde angehalten.</translation>
    </message>
    <message>
        <source>Jobs %1 stopped.</source>
        <translation>Die Jobs %1 wurden angehalten.</translation>
    </message>
    <message>
        <source>%1 take(s) effect when the daemon restarts.</source>
        <translation>%1 wirkt erst, wenn der Daemon neu startet.</translation>
    </message>
    <message>
        <source>Nothing the daemon runs changed.</source>
        <translation>An dem, was der Daemon ausführt, hat sich nichts geändert.</translation>
    </message>
    <message>
        <source>Applied.</source>
        <translation>Übernommen.</translation>
    </message>
    <message>
        <source>first snapshot taken at %1</source>
        <translation>erster Snapshot um %1 erstellt</translation>
    </message>
    <message>
        <source>first snapshot at %1</source>
        <translation>erster Snapshot um %1</translation>
    </message>
    <message>
        <source>snapshotting failed: %1</source>
        <translation>Snapshot-Erstellung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
</context>
<context>
    <name>Gui::ConfigClient</name>
    <message>
        <source>%1: no answer from the daemon: %2</source>
        <translation>%1: keine Antwort vom Daemon: %2</translation>
    </message>
    <message>
        <source>This daemon (zrepl) cannot change its configuration: edit its file and restart it</source>
        <translation>Dieser Daemon (zrepl) kann seine Konfiguration nicht ändern: Bearbeiten Sie seine Datei und starten Sie ihn neu</translation>
    </message>
    <message>
        <source>The daemon refused: %1</source>
        <translation>Der Daemon hat abgelehnt: %1</translation>
    </message>
    <message>
        <source>Someone else changed the configuration since it was read here%1</source>
        <translation>Jemand anderes hat die Konfiguration geändert, seit sie hier gelesen wurde%1</translation>
    </message>
    <message>
        <source>The daemon found a problem, nothing was written: %1</source>
        <translation>Der Daemon hat ein Problem gefunden, es wurde nichts geschrieben: %1</translation>
    </message>
    <message>
        <source>The daemon found the configuration invalid, nothing was written: %1</source>
        <translation>Der Daemon hält die Konfiguration für ungültig, es wurde nichts geschrieben: %1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>%1: the daemon answered %2: %3</source>
        <translation>%1: Der Daemon antwortete %2: %3</translation>
    </message>
    <message>
        <source>The configuration could not be read</source>
        <translation>Die Konfiguration konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>The filesystems could not be listed</source>
        <translation>Die Dateisysteme konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>The configuration could not be checked</source>
        <translation>Die Konfiguration konnte nicht geprüft werden</translation>
    </message>
    <message>
        <source>The configuration could not be applied</source>
        <translation>Die Konfiguration konnte nicht übernommen werden</translation>
    </message>
    <message>
        <source>The connection could not be tested</source>
        <translation>Die Verbindung konnte nicht getestet werden</translation>
    </message>
    <message>
        <source>The daemon&apos;s answer could not be read: %1</source>
        <translation>Die Antwort des Daemons ist nicht lesbar: %1</translation>
    </message>
</context>
<context>
    <name>Gui::ConfigEditorDialog</name>
    <message>
        <source>Configuration (Advanced)</source>
        <translation>Konfiguration (Erweitert)</translation>
    </message>
    <message>
        <source>Review and Apply…</source>
        <translation>Prüfen und übernehmen…</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Back to the file as the daemon has it; your edits are lost</source>
        <translation>Zurück zur Datei, wie der Daemon sie hat; Ihre Änderungen gehen verloren</translation>
    </message>
    <message>
        <source>Reload the File</source>
        <translation>Datei neu laden</translation>
    </message>
    <message>
        <source>Reads the file as it is now; your text stays, and the review compares it with the new file</source>
        <translation>Liest die Datei, wie sie jetzt ist; Ihr Text bleibt, und die Prüfung vergleicht ihn mit der neuen Datei</translation>
    </message>
    <message>
        <source>The file changed since you started editing; your text stays. The review compares it with the file as it is now.</source>
        <translation>Die Datei hat sich geändert, seit Sie mit dem Bearbeiten begonnen haben; Ihr Text bleibt. Die Prüfung vergleicht ihn mit der Datei, wie sie jetzt ist.</translation>
    </message>
    <message>
        <source>Read only: %1</source>
        <translation>Nur Lesezugriff: %1</translation>
    </message>
    <message>
        <source>Configuration (Advanced): %1</source>
        <translation>Konfiguration (Erweitert): %1</translation>
    </message>
    <message>
        <source>%1, as the daemon reads it. It checks your changes as you type; nothing is written before you review them.</source>
        <translation>%1, wie der Daemon sie liest. Er prüft Ihre Änderungen beim Tippen; geschrieben wird erst, nachdem Sie sie geprüft haben.</translation>
    </message>
    <message>
        <source>%1, as the daemon reads it%2.</source>
        <translation>%1, wie der Daemon sie liest%2.</translation>
    </message>
    <message>
        <source> (secrets hidden)</source>
        <translation> (Geheimnisse ausgeblendet)</translation>
    </message>
    <message>
        <source>The configuration has not been read</source>
        <translation>Die Konfiguration wurde nicht gelesen</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Wird übernommen…</translation>
    </message>
    <message>
        <source>Nothing changed yet</source>
        <translation>Noch nichts geändert</translation>
    </message>
    <message>
        <source>The daemon is checking the text</source>
        <translation>Der Daemon prüft den Text</translation>
    </message>
    <message>
        <source>The text has problems: fix them first</source>
        <translation>Der Text hat Probleme: Beheben Sie sie zuerst</translation>
    </message>
    <message>
        <source>Shows the changes against the file before they are applied</source>
        <translation>Zeigt die Änderungen gegenüber der Datei, bevor sie übernommen werden</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Valid. %1</source>
        <translation>Gültig. %1</translation>
    </message>
    <message>
        <source>1 problem: %1</source>
        <translation>1 Problem: %1</translation>
    </message>
    <message>
        <source>%1 problems</source>
        <translation>%1 Probleme</translation>
    </message>
    <message>
        <source>Not applied: another change is being applied, or this user may not change the file</source>
        <translation>Nicht übernommen: Gerade wird eine andere Änderung übernommen, oder dieser Benutzer darf die Datei nicht ändern</translation>
    </message>
    <message>
        <source>%1. Nothing was written. Reload the file and review your changes against it.</source>
        <translation>%1. Es wurde nichts geschrieben. Laden Sie die Datei neu und prüfen Sie Ihre Änderungen daran.</translation>
    </message>
</context>
<context>
    <name>Gui::ConfigHealth</name>
    <message>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>der Datei</translation>
    </message>
    <message>
        <source>The configuration was not reloaded: %1 has a problem at %2. The daemon runs the version before.</source>
        <translation>Die Konfiguration wurde nicht neu geladen: %1 hat einen Fehler in %2. Der Daemon läuft mit der vorherigen Fassung weiter.</translation>
    </message>
    <message>
        <source>Reload refused %1 (%2): %3</source>
        <translation>Neuladen abgelehnt %1 (%2): %3</translation>
    </message>
    <message>
        <source>%1 was changed since the daemon read it; its changes take effect at the next reload.</source>
        <translation>%1 wurde geändert, seit der Daemon sie gelesen hat; die Änderungen gelten ab dem nächsten Neuladen.</translation>
    </message>
    <message numerus="yes">
        <source>%n changed job(s) restart when their current work is done: %1.</source>
        <translation>
            <numerusform>%n geänderter Job startet neu, sobald seine laufende Arbeit beendet ist: %1.</numerusform>
            <numerusform>%n geänderte Jobs starten neu, sobald ihre laufende Arbeit beendet ist: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Takes effect when the daemon restarts: %1.</source>
        <translation>Gilt erst nach einem Neustart des Daemons: %1.</translation>
    </message>
</context>
<context>
    <name>Gui::ConfigProblemsModel</name>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>Gui::DiffView</name>
    <message>
        <source>%1: the snapshot of %2 and now</source>
        <translation>%1: der Snapshot vom %2 und jetzt</translation>
    </message>
    <message>
        <source>Lines removed since the snapshot of %1 are red, lines added since are green.</source>
        <translation>Seit dem Snapshot vom %1 entfernte Zeilen sind rot, seitdem hinzugekommene grün.</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Wird verglichen…</translation>
    </message>
    <message>
        <source>%1 (snapshot of %2)</source>
        <translation>%1 (Snapshot vom %2)</translation>
    </message>
    <message>
        <source>%1 (now)</source>
        <translation>%1 (jetzt)</translation>
    </message>
    <message>
        <source>Not compared: %1</source>
        <translation>Nicht verglichen: %1</translation>
    </message>
    <message>
        <source>No differences: the current file has the same text.</source>
        <translation>Keine Unterschiede: Die aktuelle Datei hat denselben Text.</translation>
    </message>
    <message>
        <source>1 line added</source>
        <translation>1 Zeile hinzugefügt</translation>
    </message>
    <message>
        <source>%1 lines added</source>
        <translation>%1 Zeilen hinzugefügt</translation>
    </message>
    <message>
        <source>1 line removed</source>
        <translation>1 Zeile entfernt</translation>
    </message>
    <message>
        <source>%1 lines removed</source>
        <translation>%1 Zeilen entfernt</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>Gui::EditJobDialog</name>
    <message>
        <source>Edit Job %1</source>
        <translation>Job %1 bearbeiten</translation>
    </message>
    <message>
        <source>The configuration has not been read</source>
        <translation>Die Konfiguration wurde nicht gelesen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Reload and Apply Again</source>
        <translation>Neu laden und erneut übernehmen</translation>
    </message>
    <message>
        <source>Reading the configuration again…</source>
        <translation>Die Konfiguration wird erneut gelesen…</translation>
    </message>
    <message>
        <source>Job:</source>
        <translation>Job:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Only on Wake Up</source>
        <translation>Nur beim Aufwecken</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Eigene…</translation>
    </message>
    <message>
        <source>Replicate:</source>
        <translation>Replizieren:</translation>
    </message>
    <message>
        <source>Take a snapshot:</source>
        <translation>Snapshot erstellen:</translation>
    </message>
    <message>
        <source>The backup keeps:</source>
        <translation>Die Sicherung behält:</translation>
    </message>
    <message>
        <source>Keeps:</source>
        <translation>Behält:</translation>
    </message>
    <message>
        <source>This side keeps:</source>
        <translation>Diese Seite behält:</translation>
    </message>
    <message>
        <source>Filesystems</source>
        <translation>Dateisysteme</translation>
    </message>
    <message>
        <source>Now: %1. Asking the daemon for the filesystems…</source>
        <translation>Jetzt: %1. Der Daemon wird nach den Dateisystemen gefragt…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Now: %1. Tick what the job should back up.</source>
        <translation>Jetzt: %1. Haken Sie an, was der Job sichern soll.</translation>
    </message>
    <message>
        <source>Now: %1. The filesystems cannot be changed here: %2</source>
        <translation>Jetzt: %1. Die Dateisysteme lassen sich hier nicht ändern: %2</translation>
    </message>
    <message>
        <source>The job restarts with the new settings</source>
        <translation>Der Job startet mit den neuen Einstellungen neu</translation>
    </message>
    <message>
        <source>once it is idle: a replication under way finishes first</source>
        <translation>sobald er untätig ist: Eine laufende Replikation wird erst beendet</translation>
    </message>
    <message>
        <source>now: work under way stops, and an interrupted replication resumes</source>
        <translation>jetzt: Laufende Arbeit hält an, und eine unterbrochene Replikation wird fortgesetzt</translation>
    </message>
    <message>
        <source>Tick at least one filesystem</source>
        <translation>Haken Sie mindestens ein Dateisystem an</translation>
    </message>
    <message>
        <source>Nothing changed yet.</source>
        <translation>Noch nichts geändert.</translation>
    </message>
    <message>
        <source>Apply changes %1: %2. The rest of the file stays as written.</source>
        <translation>»Übernehmen« ändert %1: %2. Der Rest der Datei bleibt, wie er geschrieben ist.</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Wird übernommen…</translation>
    </message>
    <message>
        <source>Another change is being applied; try again in a moment</source>
        <translation>Gerade wird eine andere Änderung übernommen; versuchen Sie es gleich noch einmal</translation>
    </message>
    <message>
        <source>%1. Nothing was written. Reload the configuration and make these changes on top of it?</source>
        <translation>%1. Es wurde nichts geschrieben. Die Konfiguration neu laden und diese Änderungen auf ihrem jetzigen Stand vornehmen?</translation>
    </message>
</context>
<context>
    <name>Gui::FileHistoryDialog</name>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Compare with Current</source>
        <translation>&amp;Mit aktueller vergleichen</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <source>Opened a read-only copy: %1</source>
        <translation>Schreibgeschützte Kopie geöffnet: %1</translation>
    </message>
    <message>
        <source>Versions of %1</source>
        <translation>Versionen von %1</translation>
    </message>
    <message>
        <source>Looking for the versions of %1 in its snapshots…</source>
        <translation>Die Versionen von %1 werden in den Snapshots gesucht…</translation>
    </message>
    <message>
        <source>No versions</source>
        <translation>Keine Versionen</translation>
    </message>
    <message>
        <source>Snapshots of %1, newest first</source>
        <translation>Snapshots von %1, neueste zuerst</translation>
    </message>
    <message>
        <source>Choose a version first</source>
        <translation>Zuerst eine Version wählen</translation>
    </message>
    <message>
        <source>It did not exist in these snapshots</source>
        <translation>In diesen Snapshots gab es sie nicht</translation>
    </message>
    <message>
        <source>Only files and folders can be opened</source>
        <translation>Nur Dateien und Ordner lassen sich öffnen</translation>
    </message>
    <message>
        <source>Only files are compared</source>
        <translation>Nur Dateien werden verglichen</translation>
    </message>
    <message>
        <source>There is no current file to compare with</source>
        <translation>Es gibt keine aktuelle Datei zum Vergleichen</translation>
    </message>
    <message>
        <source>This is the current version</source>
        <translation>Das ist die aktuelle Version</translation>
    </message>
    <message>
        <source>Open a read-only copy of this version (%1)</source>
        <translation>Eine schreibgeschützte Kopie dieser Version öffnen (%1)</translation>
    </message>
    <message>
        <source>Show what changed between this version and the current file (%1)</source>
        <translation>Zeigen, was sich zwischen dieser Version und der aktuellen Datei geändert hat (%1)</translation>
    </message>
    <message>
        <source>Restore this version: you choose how before anything changes (%1)</source>
        <translation>Diese Version wiederherstellen: Sie wählen wie, bevor sich etwas ändert (%1)</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
</context>
<context>
    <name>Gui::FileHistoryLoader</name>
    <message>
        <source>No file was given.</source>
        <translation>Es wurde keine Datei angegeben.</translation>
    </message>
    <message>
        <source>%1 is not on a mounted ZFS filesystem, so it has no snapshots.</source>
        <translation>%1 liegt auf keinem eingehängten ZFS-Dateisystem und hat daher keine Snapshots.</translation>
    </message>
    <message>
        <source>The snapshots of %1 cannot be listed: %2</source>
        <translation>Die Snapshots von %1 lassen sich nicht auflisten: %2</translation>
    </message>
</context>
<context>
    <name>Gui::FileHistoryModel</name>
    <message>
        <source>No snapshots</source>
        <translation>Keine Snapshots</translation>
    </message>
    <message>
        <source>Not in the one snapshot</source>
        <translation>Nicht im einzigen Snapshot</translation>
    </message>
    <message>
        <source>In none of the %1 snapshots</source>
        <translation>In keinem der %1 Snapshots</translation>
    </message>
    <message>
        <source>%1: it is newer than the last one</source>
        <translation>%1: Sie ist neuer als der letzte</translation>
    </message>
    <message>
        <source>1 version</source>
        <translation>1 Version</translation>
    </message>
    <message>
        <source>%1 versions</source>
        <translation>%1 Versionen</translation>
    </message>
    <message>
        <source>last changed %1</source>
        <translation>zuletzt geändert %1</translation>
    </message>
    <message>
        <source>changed since the last snapshot</source>
        <translation>seit dem letzten Snapshot geändert</translation>
    </message>
    <message>
        <source>deleted; last seen in the snapshot of %1</source>
        <translation>gelöscht; zuletzt im Snapshot vom %1</translation>
    </message>
    <message>
        <source>It could not be looked at in these snapshots: %1</source>
        <translation>In diesen Snapshots ließ sie sich nicht ansehen: %1</translation>
    </message>
    <message>
        <source>It did not exist in these snapshots</source>
        <translation>In diesen Snapshots gab es sie nicht</translation>
    </message>
    <message>
        <source>Modified %1. The current file is this version.</source>
        <translation>Geändert %1. Die aktuelle Datei ist diese Version.</translation>
    </message>
    <message>
        <source>Modified %1</source>
        <translation>Geändert %1</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>Taken %1</source>
        <translation>Erstellt %1</translation>
    </message>
    <message>
        <source>from %1 to %2 (%3 snapshots)</source>
        <translation>von %1 bis %2 (%3 Snapshots)</translation>
    </message>
    <message>
        <source>unchanged since %1 (%2 snapshots)</source>
        <translation>unverändert seit %1 (%2 Snapshots)</translation>
    </message>
    <message>
        <source>unchanged from %1 to %2 (%3 snapshots)</source>
        <translation>unverändert von %1 bis %2 (%3 Snapshots)</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
    <message>
        <source>Could not be looked at</source>
        <translation>Ließ sich nicht ansehen</translation>
    </message>
    <message>
        <source>Did not exist</source>
        <translation>Gab es nicht</translation>
    </message>
    <message>
        <source>Folder, modified %1</source>
        <translation>Ordner, geändert %1</translation>
    </message>
    <message>
        <source>Symbolic link, changed %1</source>
        <translation>Symbolischer Link, geändert %1</translation>
    </message>
    <message>
        <source>Special file</source>
        <translation>Spezialdatei</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <source>In snapshots</source>
        <translation>In Snapshots</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>Gui::FilesystemFilter</name>
    <message>
        <source>every filesystem</source>
        <translation>jedes Dateisystem</translation>
    </message>
    <message>
        <source>%1 and below</source>
        <translation>%1 und darunter</translation>
    </message>
    <message>
        <source>no filesystem</source>
        <translation>kein Dateisystem</translation>
    </message>
    <message>
        <source>%1, except %2</source>
        <translation>%1, außer %2</translation>
    </message>
</context>
<context>
    <name>Gui::FilesystemTreeModel</name>
    <message>
        <source>encrypted</source>
        <translation>verschlüsselt</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>backed up by %1</source>
        <translation>gesichert von %1</translation>
    </message>
    <message>
        <source>a backup, received by %1</source>
        <translation>eine Sicherung, empfangen von %1</translation>
    </message>
    <message>
        <source>Uses %1, %2 available</source>
        <translation>Belegt %1, %2 verfügbar</translation>
    </message>
    <message>
        <source>Encrypted (%1)</source>
        <translation>Verschlüsselt (%1)</translation>
    </message>
    <message>
        <source>Encrypted (%1), its key is that of %2</source>
        <translation>Verschlüsselt (%1), mit dem Schlüssel von %2</translation>
    </message>
    <message>
        <source>Mounted at %1</source>
        <translation>Eingehängt unter %1</translation>
    </message>
    <message>
        <source>Already backed up by job %1</source>
        <translation>Schon gesichert von Job %1</translation>
    </message>
    <message>
        <source>A backup: job %1 receives into it</source>
        <translation>Eine Sicherung: Job %1 empfängt hinein</translation>
    </message>
    <message>
        <source>Pool %1: %2</source>
        <translation>Pool %1: %2</translation>
    </message>
    <message>
        <source>Filesystem</source>
        <translation>Dateisystem</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Belegt</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
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
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Replication of job %1 is paused: snapshots continue to be taken and pruned, the backups age until it is resumed</source>
        <translation>Die Replikation von Job %1 ist pausiert: Snapshots werden weiter erstellt und ausgedünnt, die Sicherungen altern, bis sie fortgesetzt wird</translation>
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
    <name>Gui::HoldsActionRunner</name>
    <message>
        <source>Nothing was changed</source>
        <translation>Es wurde nichts geändert</translation>
    </message>
    <message>
        <source>The daemon&apos;s answer could not be read: %1</source>
        <translation>Die Antwort des Daemons ist nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Nothing to change</source>
        <translation>Nichts zu ändern</translation>
    </message>
    <message>
        <source>No answer from the daemon: %1</source>
        <translation>Keine Antwort vom Daemon: %1</translation>
    </message>
    <message>
        <source>This daemon (zrepl) cannot change holds</source>
        <translation>Dieser Daemon (zrepl) kann keine Holds ändern</translation>
    </message>
    <message>
        <source>The daemon refused: %1</source>
        <translation>Der Daemon hat abgelehnt: %1</translation>
    </message>
    <message>
        <source>Not now: a replication step on %1 is running. Try again once it is done.
%2</source>
        <translation>Nicht jetzt: Auf %1 läuft gerade ein Replikationsschritt. Versuchen Sie es erneut, wenn er fertig ist.
%2</translation>
    </message>
    <message>
        <source>this filesystem</source>
        <translation>diesem Dateisystem</translation>
    </message>
    <message>
        <source>The daemon could not do it: %1</source>
        <translation>Der Daemon konnte es nicht ausführen: %1</translation>
    </message>
</context>
<context>
    <name>Gui::HoldsActions</name>
    <message>
        <source>Read-only: changing holds needs root or the daemon&apos;s admin group (global.control.admin_group)</source>
        <translation>Nur Lesezugriff: Holds ändern erfordert root oder die Admin-Gruppe des Daemons (global.control.admin_group)</translation>
    </message>
    <message>
        <source>Release the holds and destroy the bookmarks that protect nothing any more, of every job</source>
        <translation>Die Holds freigeben und die Bookmarks löschen, die nichts mehr schützen, für alle Jobs</translation>
    </message>
    <message>
        <source>Release the holds and destroy the bookmarks of job %1 that protect nothing any more</source>
        <translation>Die Holds freigeben und die Bookmarks löschen, die für Job %1 nichts mehr schützen</translation>
    </message>
    <message>
        <source>Give up the interrupted receive of the selected filesystem (zfs recv -A)</source>
        <translation>Den unterbrochenen Empfang des ausgewählten Dateisystems aufgeben (zfs recv -A)</translation>
    </message>
    <message>
        <source>Drop every hold, bookmark and cursor that keeps the selected filesystem replicating</source>
        <translation>Alle Holds, Bookmarks und Cursor entfernen, die das ausgewählte Dateisystem in der Replikation halten</translation>
    </message>
    <message>
        <source>Nothing is stale</source>
        <translation>Nichts ist veraltet</translation>
    </message>
    <message>
        <source>Nothing of job %1 is stale</source>
        <translation>Nichts von Job %1 ist veraltet</translation>
    </message>
    <message>
        <source>Select a filesystem first</source>
        <translation>Wählen Sie zuerst ein Dateisystem aus</translation>
    </message>
    <message>
        <source>A replication step of job %1 runs on %2 now</source>
        <translation>Auf %2 läuft gerade ein Replikationsschritt von Job %1</translation>
    </message>
    <message>
        <source>%1 has no interrupted receive</source>
        <translation>%1 hat keinen unterbrochenen Empfang</translation>
    </message>
    <message>
        <source>Nothing keeps %1 replicating</source>
        <translation>Nichts hält %1 in der Replikation</translation>
    </message>
    <message>
        <source>Release Stale Items…</source>
        <translation>Veraltete Einträge freigeben…</translation>
    </message>
    <message>
        <source>Abandon Interrupted Receive…</source>
        <translation>Unterbrochenen Empfang aufgeben…</translation>
    </message>
    <message>
        <source>Stop Replicating This Filesystem…</source>
        <translation>Replikation dieses Dateisystems beenden…</translation>
    </message>
    <message>
        <source>Release stale items of every job?</source>
        <translation>Veraltete Einträge aller Jobs freigeben?</translation>
    </message>
    <message>
        <source>Release stale items of %1?</source>
        <translation>Veraltete Einträge von %1 freigeben?</translation>
    </message>
    <message>
        <source>Abandon the interrupted receive on %1?</source>
        <translation>Den unterbrochenen Empfang auf %1 aufgeben?</translation>
    </message>
    <message>
        <source>Stop replicating %1?</source>
        <translation>Replikation von %1 beenden?</translation>
    </message>
    <message>
        <source>Release hold %1 on %2</source>
        <translation>Hold %1 auf %2 freigeben</translation>
    </message>
    <message>
        <source>Destroy bookmark %1</source>
        <translation>Bookmark %1 löschen</translation>
    </message>
    <message>
        <source>Abandon the interrupted receive on %1</source>
        <translation>Den unterbrochenen Empfang auf %1 aufgeben</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>    failed: %1</source>
        <translation>    fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Left alone:</source>
        <translation>Unverändert gelassen:</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>Warnungen:</translation>
    </message>
    <message>
        <source>These %1 stale items of every job will go. They protect no replication any more.</source>
        <translation>Diese %1 veralteten Einträge aller Jobs werden entfernt. Sie schützen keine Replikation mehr.</translation>
    </message>
    <message>
        <source>These %1 stale items of job %2 will go. They protect no replication any more.</source>
        <translation>Diese %1 veralteten Einträge von Job %2 werden entfernt. Sie schützen keine Replikation mehr.</translation>
    </message>
    <message>
        <source>The data received so far into %1 is discarded; the next replication starts this step anew.</source>
        <translation>Die bisher nach %1 empfangenen Daten werden verworfen; die nächste Replikation beginnt diesen Schritt von vorn.</translation>
    </message>
    <message>
        <source>These %1 items keep %2 replicating. Without them the next replication of %2 cannot go on incrementally from where it stopped, and the pruning may destroy the snapshots they kept.</source>
        <translation>Diese %1 Einträge halten %2 in der Replikation. Ohne sie kann die nächste Replikation von %2 nicht inkrementell dort weitermachen, wo sie aufgehört hat, und das Ausdünnen darf die Snapshots löschen, die sie bewahrt haben.</translation>
    </message>
    <message>
        <source>Nothing to change</source>
        <translation>Nichts zu ändern</translation>
    </message>
    <message>
        <source>%1 of %1 changes made</source>
        <translation>%1 von %1 Änderungen ausgeführt</translation>
    </message>
    <message>
        <source>%1 of %2 changes made; %3 failed</source>
        <translation>%1 von %2 Änderungen ausgeführt; %3 fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Gui::HoldsFetcher</name>
    <message>
        <source>This daemon does not report holds (zrepl)</source>
        <translation>Dieser Daemon meldet keine Holds (zrepl)</translation>
    </message>
    <message>
        <source>The holds could not be listed: %1</source>
        <translation>Die Holds konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>The daemon&apos;s holds report could not be read: %1</source>
        <translation>Der Holds-Bericht des Daemons ist nicht lesbar: %1</translation>
    </message>
</context>
<context>
    <name>Gui::HoldsModel</name>
    <message>
        <source>Step hold</source>
        <translation>Schritt-Hold</translation>
    </message>
    <message>
        <source>Step bookmark</source>
        <translation>Schritt-Bookmark</translation>
    </message>
    <message>
        <source>Last-received hold</source>
        <translation>Hold des zuletzt Empfangenen</translation>
    </message>
    <message>
        <source>Replication cursor</source>
        <translation>Replikations-Cursor</translation>
    </message>
    <message>
        <source>Replication cursor (zrepl before 0.3)</source>
        <translation>Replikations-Cursor (zrepl vor 0.3)</translation>
    </message>
    <message>
        <source>an unknown snapshot</source>
        <translation>einem unbekannten Snapshot</translation>
    </message>
    <message>
        <source>Interrupted receive of %1: %2 received</source>
        <translation>Unterbrochener Empfang von %1: %2 empfangen</translation>
    </message>
    <message>
        <source>Interrupted receive of %1: %2 received, since %3</source>
        <translation>Unterbrochener Empfang von %1: %2 empfangen, seit %3</translation>
    </message>
    <message>
        <source>(its resume token cannot be read: %1)</source>
        <translation>(sein Resume-Token ist nicht lesbar: %1)</translation>
    </message>
    <message>
        <source>Interrupted receive</source>
        <translation>Unterbrochener Empfang</translation>
    </message>
    <message>
        <source>(any job)</source>
        <translation>(jeder Job)</translation>
    </message>
    <message>
        <source>Stale: %1</source>
        <translation>Veraltet: %1</translation>
    </message>
    <message>
        <source>Incremental from %1</source>
        <translation>Inkrementell ab %1</translation>
    </message>
    <message>
        <source>Hold %1 on %2</source>
        <translation>Hold %1 auf %2</translation>
    </message>
    <message>
        <source>Bookmark %1</source>
        <translation>Bookmark %1</translation>
    </message>
    <message>
        <source>Made of %1@%2</source>
        <translation>Erstellt aus %1@%2</translation>
    </message>
    <message>
        <source>GUID %1</source>
        <translation>GUID %1</translation>
    </message>
    <message>
        <source>zrepl before 0.3 kept one cursor for every job</source>
        <translation>zrepl vor 0.3 führte einen Cursor für alle Jobs</translation>
    </message>
    <message>
        <source>zfs does not tell when this was made</source>
        <translation>zfs meldet nicht, wann dies erstellt wurde</translation>
    </message>
    <message>
        <source>Made %1</source>
        <translation>Erstellt %1</translation>
    </message>
    <message>
        <source>Interrupted since %1</source>
        <translation>Unterbrochen seit %1</translation>
    </message>
    <message>
        <source>Filesystem</source>
        <translation>Dateisystem</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Snapshot or bookmark</source>
        <translation>Snapshot oder Bookmark</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Zweck</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Veraltet</translation>
    </message>
</context>
<context>
    <name>Gui::HoldsPanel</name>
    <message>
        <source>Release</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Abandon</source>
        <translation>Aufgeben</translation>
    </message>
    <message>
        <source>Stop Replicating</source>
        <translation>Replikation beenden</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>List the holds again (the daemon runs zfs for it)</source>
        <translation>Die Holds erneut auflisten (der Daemon ruft dafür zfs auf)</translation>
    </message>
    <message>
        <source>Holds and bookmarks of %1</source>
        <translation>Holds und Bookmarks von %1</translation>
    </message>
    <message>
        <source>Holds and bookmarks of job %1</source>
        <translation>Holds und Bookmarks von Job %1</translation>
    </message>
    <message>
        <source>Holds and bookmarks of every job</source>
        <translation>Holds und Bookmarks aller Jobs</translation>
    </message>
    <message>
        <source>Listing the holds…</source>
        <translation>Holds werden aufgelistet…</translation>
    </message>
    <message>
        <source>Nothing of Holdfast&apos;s or zrepl&apos;s is kept here.</source>
        <translation>Hier wird nichts von Holdfast oder zrepl vorgehalten.</translation>
    </message>
    <message>
        <source>Nothing of Holdfast&apos;s or zrepl&apos;s is kept on %1.</source>
        <translation>Auf %1 wird nichts von Holdfast oder zrepl vorgehalten.</translation>
    </message>
    <message>
        <source>%1 items, none stale.</source>
        <translation>%1 Einträge, keiner veraltet.</translation>
    </message>
    <message>
        <source>%1 items, %2 stale.</source>
        <translation>%1 Einträge, %2 veraltet.</translation>
    </message>
    <message>
        <source>Listed at %1.</source>
        <translation>Aufgelistet um %1.</translation>
    </message>
    <message>
        <source>A replication step of job %1 runs on %2 now.</source>
        <translation>Auf %2 läuft gerade ein Replikationsschritt von Job %1.</translation>
    </message>
    <message>
        <source>Replication of %1 is paused.</source>
        <translation>Die Replikation von %1 ist pausiert.</translation>
    </message>
    <message>
        <source>zfs cannot list the hold tags of %1 snapshots: they are not shown.</source>
        <translation>zfs kann die Hold-Tags von %1 Snapshots nicht auflisten: Sie werden nicht angezeigt.</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Holds</translation>
    </message>
    <message>
        <source>One item, not stale.</source>
        <translation>Ein Eintrag, nicht veraltet.</translation>
    </message>
    <message>
        <source>One item, stale.</source>
        <translation>Ein Eintrag, veraltet.</translation>
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
    <message>
        <source>Stop the selected job&apos;s replication until it is resumed; snapshots go on</source>
        <translation>Die Replikation des ausgewählten Jobs anhalten, bis sie fortgesetzt wird; Snapshots laufen weiter</translation>
    </message>
    <message>
        <source>Let the selected job replicate again</source>
        <translation>Den ausgewählten Job wieder replizieren lassen</translation>
    </message>
    <message>
        <source>Only push and pull jobs can be paused</source>
        <translation>Nur push- und pull-Jobs lassen sich pausieren</translation>
    </message>
    <message>
        <source>Read-only: pausing or resuming a job needs root or the daemon&apos;s admin group (global.control.admin_group)</source>
        <translation>Nur Lesezugriff: Einen Job pausieren oder fortsetzen erfordert root oder die Admin-Gruppe des Daemons (global.control.admin_group)</translation>
    </message>
    <message>
        <source>This daemon (zrepl) cannot pause jobs</source>
        <translation>Dieser Daemon (zrepl) kann Jobs nicht pausieren</translation>
    </message>
    <message>
        <source>%1 is paused already</source>
        <translation>%1 ist bereits pausiert</translation>
    </message>
    <message>
        <source>%1 is not paused</source>
        <translation>%1 ist nicht pausiert</translation>
    </message>
    <message>
        <source>Replication of job %1 stops until you resume it; snapshots continue to be taken and pruned. A replication in progress is interrupted and resumes where it stopped.</source>
        <translation>Die Replikation von Job %1 ruht, bis Sie sie fortsetzen; Snapshots werden weiter erstellt und ausgedünnt. Eine laufende Replikation wird unterbrochen und setzt später dort fort, wo sie aufgehört hat.</translation>
    </message>
    <message>
        <source>Job %1 replicates again from its next run on, starting with the snapshots taken while it was paused.</source>
        <translation>Job %1 repliziert ab seinem nächsten Lauf wieder, beginnend mit den Snapshots, die während der Pause erstellt wurden.</translation>
    </message>
</context>
<context>
    <name>Gui::JobNames</name>
    <message>
        <source>The job needs a name</source>
        <translation>Der Job braucht einen Namen</translation>
    </message>
    <message>
        <source>Job names starting with “_” are reserved for the daemon&apos;s own jobs</source>
        <translation>Jobnamen, die mit »_« beginnen, sind den eigenen Jobs des Daemons vorbehalten</translation>
    </message>
    <message>
        <source>“%1” has characters a job name cannot have: use letters, digits, “-”, “_”, “.” and “:”</source>
        <translation>»%1« enthält Zeichen, die ein Jobname nicht haben kann: Verwenden Sie Buchstaben, Ziffern, »-«, »_«, ».« und »:«</translation>
    </message>
    <message>
        <source>The name is %1 characters long; at most %2 are allowed</source>
        <translation>Der Name ist %1 Zeichen lang; höchstens %2 sind erlaubt</translation>
    </message>
    <message>
        <source>A job name cannot start or end with a space</source>
        <translation>Ein Jobname kann nicht mit einem Leerzeichen beginnen oder enden</translation>
    </message>
    <message>
        <source>The configuration has a job named “%1” already</source>
        <translation>Die Konfiguration hat schon einen Job namens »%1«</translation>
    </message>
</context>
<context>
    <name>Gui::JobRemoval</name>
    <message>
        <source>Remove job %1?</source>
        <translation>Job %1 entfernen?</translation>
    </message>
    <message>
        <source>Job %1 is removed from the configuration and stops serving: jobs on other machines that replicate with it fail until it is back.</source>
        <translation>Job %1 wird aus der Konfiguration entfernt und bedient niemanden mehr: Jobs auf anderen Rechnern, die mit ihm replizieren, schlagen fehl, bis er wieder da ist.</translation>
    </message>
    <message>
        <source>Job %1 is removed from the configuration and stops: it takes no more snapshots, replicates and prunes no more.</source>
        <translation>Job %1 wird aus der Konfiguration entfernt und hält an: Er erstellt keine Snapshots mehr, repliziert nicht mehr und dünnt nicht mehr aus.</translation>
    </message>
    <message>
        <source>A replication under way is stopped; what it received so far stays resumable.</source>
        <translation>Eine laufende Replikation wird angehalten; was bis dahin empfangen wurde, bleibt fortsetzbar.</translation>
    </message>
    <message>
        <source>Its snapshots stay on both pools: nothing is destroyed, and nothing prunes them any more.</source>
        <translation>Seine Snapshots bleiben auf beiden Pools: Nichts wird gelöscht, und nichts dünnt sie mehr aus.</translation>
    </message>
    <message>
        <source>Its step holds and replication cursors stay on the pools. The Holds view flags them stale (job %1 is gone), and you can release them there.</source>
        <translation>Seine Schritt-Holds und Replikations-Cursor bleiben auf den Pools. Die Holds-Ansicht markiert sie als veraltet (Job %1 gibt es nicht mehr), und Sie können sie dort freigeben.</translation>
    </message>
    <message>
        <source>Its snapshots stay: nothing is destroyed, and nothing prunes them any more.</source>
        <translation>Seine Snapshots bleiben: Nichts wird gelöscht, und nichts dünnt sie mehr aus.</translation>
    </message>
    <message>
        <source>Its snapshots stay, and so do the holds and cursors of the jobs that pulled from it.</source>
        <translation>Seine Snapshots bleiben, ebenso die Holds und Cursor der Jobs, die von ihm geholt haben.</translation>
    </message>
    <message>
        <source>The filesystems it received stay, with their snapshots and last-received holds.</source>
        <translation>Die empfangenen Dateisysteme bleiben, mit ihren Snapshots und den Holds des zuletzt Empfangenen.</translation>
    </message>
    <message>
        <source>The filesystems it received under %1 stay, with their snapshots and last-received holds (the Holds view flags those stale).</source>
        <translation>Die unter %1 empfangenen Dateisysteme bleiben, mit ihren Snapshots und den Holds des zuletzt Empfangenen (die Holds-Ansicht markiert diese als veraltet).</translation>
    </message>
    <message>
        <source>The rest of the configuration file stays as written. Adding the job again later continues where it stopped.</source>
        <translation>Der Rest der Konfigurationsdatei bleibt, wie er geschrieben ist. Wird der Job später wieder hinzugefügt, macht er dort weiter, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>The sink job %1 it sends to stays, and so do the filesystems it received under %2; remove it too if nothing else sends to it.</source>
        <translation>Der Sink-Job %1, an den er sendet, bleibt, ebenso die Dateisysteme, die dieser unter %2 empfangen hat; entfernen Sie ihn auch, wenn nichts anderes an ihn sendet.</translation>
    </message>
</context>
<context>
    <name>Gui::JobSettingsEdit</name>
    <message>
        <source>The configuration cannot be read: %1</source>
        <translation>Die Konfiguration ist nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Job %1 is not in the configuration file</source>
        <translation>Job %1 steht nicht in der Konfigurationsdatei</translation>
    </message>
    <message>
        <source>snapshots %1 instead of only on wake-up</source>
        <translation>Snapshots %1 statt nur beim Aufwecken</translation>
    </message>
    <message>
        <source>snapshots only on wake-up instead of %1</source>
        <translation>Snapshots nur beim Aufwecken statt %1</translation>
    </message>
    <message>
        <source>snapshots %1 instead of %2</source>
        <translation>Snapshots %1 statt %2</translation>
    </message>
    <message>
        <source>%1 keeps %2 instead of %3</source>
        <translation>%1 behält %2 statt %3</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>the pool</source>
        <translation>der Pool</translation>
    </message>
    <message>
        <source>this side</source>
        <translation>diese Seite</translation>
    </message>
    <message>
        <source>the receiving side</source>
        <translation>die empfangende Seite</translation>
    </message>
    <message>
        <source>backs up %1 instead of %2</source>
        <translation>sichert %1 statt %2</translation>
    </message>
    <message>
        <source>%1 could not be changed: %2</source>
        <translation>%1 konnte nicht geändert werden: %2</translation>
    </message>
    <message>
        <source>A job needs at least one filesystem</source>
        <translation>Ein Job braucht mindestens ein Dateisystem</translation>
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
    <message>
        <source>%1 (replication paused)</source>
        <translation>%1 (Replikation pausiert)</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
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
    <message>
        <source>Replication is paused: the backups age until it is resumed</source>
        <translation>Die Replikation ist pausiert: Die Sicherungen altern, bis sie fortgesetzt wird</translation>
    </message>
    <message>
        <source>%1: replication paused; snapshots continue to be taken and pruned</source>
        <translation>%1: Replikation pausiert; Snapshots werden weiter erstellt und ausgedünnt</translation>
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
    <message>
        <source>&amp;Pause Replication…</source>
        <translation>Replikation &amp;pausieren…</translation>
    </message>
    <message>
        <source>Res&amp;ume Replication…</source>
        <translation>Replikation &amp;fortsetzen…</translation>
    </message>
    <message>
        <source>Pause %1?</source>
        <translation>%1 pausieren?</translation>
    </message>
    <message>
        <source>Resume %1?</source>
        <translation>%1 fortsetzen?</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Select a filesystem above to see why each of its snapshots is still there.</source>
        <translation>Wählen Sie oben ein Dateisystem aus, um zu sehen, warum jeder seiner Snapshots noch vorhanden ist.</translation>
    </message>
    <message>
        <source>Asking the daemon about %1…</source>
        <translation>Der Daemon wird zu %1 befragt…</translation>
    </message>
    <message>
        <source>The last pruning round of %1 saw no snapshots of %2.</source>
        <translation>Die letzte Ausdünnungsrunde von %1 hat keine Snapshots von %2 gesehen.</translation>
    </message>
    <message>
        <source>Why the snapshots of %1 are still there: %2</source>
        <translation>Warum die Snapshots von %1 noch vorhanden sind: %2</translation>
    </message>
    <message>
        <source>Restore &amp;Files…</source>
        <translation>Dateien &amp;wiederherstellen…</translation>
    </message>
    <message>
        <source>Browse the snapshots and restore files from them</source>
        <translation>Die Snapshots durchsuchen und Dateien aus ihnen wiederherstellen</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Open the configuration</source>
        <translation>Konfiguration öffnen</translation>
    </message>
</context>
<context>
    <name>Gui::NewBackupDestinationPage</name>
    <message>
        <source>Where should the backups go?</source>
        <translation>Wohin sollen die Sicherungen gehen?</translation>
    </message>
    <message>
        <source>To another pool of this machine (a USB disk, say), or to a server that runs Holdfast.</source>
        <translation>Auf einen anderen Pool dieses Rechners (etwa eine USB-Platte) oder auf einen Server, auf dem Holdfast läuft.</translation>
    </message>
    <message>
        <source>Another &amp;pool of this machine</source>
        <translation>Ein anderer &amp;Pool dieses Rechners</translation>
    </message>
    <message>
        <source>A &amp;server, over ssh</source>
        <translation>Ein &amp;Server, über ssh</translation>
    </message>
    <message>
        <source>A server, over &amp;TCP or TLS (for experts)</source>
        <translation>Ein Server, über &amp;TCP oder TLS (für Fachleute)</translation>
    </message>
    <message>
        <source>(the server&apos;s job %1)</source>
        <translation>(der Job %1 des Servers)</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>Verbunden: %1</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message>
        <source>Pool:</source>
        <translation>Pool:</translation>
    </message>
    <message>
        <source>Receive into:</source>
        <translation>Empfangen nach:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Key file:</source>
        <translation>Schlüsseldatei:</translation>
    </message>
    <message>
        <source>The daemon logs in as root with this key and no passphrase; make one with &lt;tt&gt;sudo ssh-keygen -t ed25519 -N &apos;&apos; -f /etc/holdfast/ssh/identity&lt;/tt&gt;. The server&apos;s host key must be in root&apos;s known_hosts: log in once by hand with &lt;tt&gt;sudo ssh -i KEY USER@SERVER&lt;/tt&gt;.</source>
        <translation>Der Daemon meldet sich als root mit diesem Schlüssel ohne Passphrase an; erzeugen Sie einen mit &lt;tt&gt;sudo ssh-keygen -t ed25519 -N &apos;&apos; -f /etc/holdfast/ssh/identity&lt;/tt&gt;. Der Host-Schlüssel des Servers muss in den known_hosts von root stehen: Melden Sie sich einmal von Hand mit &lt;tt&gt;sudo ssh -i SCHLÜSSEL BENUTZER@SERVER&lt;/tt&gt; an.</translation>
    </message>
    <message>
        <source>TCP, unencrypted: only in a network you trust</source>
        <translation>TCP, unverschlüsselt: nur in einem Netz, dem Sie vertrauen</translation>
    </message>
    <message>
        <source>TLS, with certificates from your own CA</source>
        <translation>TLS, mit Zertifikaten Ihrer eigenen CA</translation>
    </message>
    <message>
        <source>This machine&apos;s address, as the server sees it:</source>
        <translation>Adresse dieses Rechners, wie der Server sie sieht:</translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation>CA-Zertifikat:</translation>
    </message>
    <message>
        <source>This machine&apos;s certificate:</source>
        <translation>Zertifikat dieses Rechners:</translation>
    </message>
    <message>
        <source>Its key:</source>
        <translation>Sein Schlüssel:</translation>
    </message>
    <message>
        <source>Name (CN) in the server&apos;s certificate:</source>
        <translation>Name (CN) im Zertifikat des Servers:</translation>
    </message>
    <message>
        <source>Server (host:port):</source>
        <translation>Server (Host:Port):</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>Auf dem Server</translation>
    </message>
    <message>
        <source>Add this line to the server&apos;s &lt;tt&gt;~/.ssh/authorized_keys&lt;/tt&gt; (of the user above): it lets this key run Holdfast&apos;s receiving end and nothing else.</source>
        <translation>Fügen Sie diese Zeile zur &lt;tt&gt;~/.ssh/authorized_keys&lt;/tt&gt; des Servers hinzu (des Benutzers oben): Sie lässt diesen Schlüssel die Empfangsseite von Holdfast ausführen und sonst nichts.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Test Connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>The daemon connects to the server as the new job would and asks for its sink job; nothing is changed on either side</source>
        <translation>Der Daemon verbindet sich mit dem Server wie der neue Job und fragt nach dessen Sink-Job; auf keiner Seite wird etwas geändert</translation>
    </message>
    <message>
        <source>Receive into (a dataset on the server):</source>
        <translation>Empfangen nach (ein Dataset auf dem Server):</translation>
    </message>
    <message>
        <source>This machine&apos;s name there:</source>
        <translation>Name dieses Rechners dort:</translation>
    </message>
    <message>
        <source>Add this job to the &lt;tt&gt;jobs:&lt;/tt&gt; of the server&apos;s /etc/holdfast/holdfast.yml and reload it there (&lt;tt&gt;sudo systemctl reload holdfast&lt;/tt&gt;):</source>
        <translation>Fügen Sie diesen Job zu den &lt;tt&gt;jobs:&lt;/tt&gt; in /etc/holdfast/holdfast.yml des Servers hinzu und laden Sie sie dort neu (&lt;tt&gt;sudo systemctl reload holdfast&lt;/tt&gt;):</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1 (%2 frei)</translation>
    </message>
    <message>
        <source>Each filesystem lands below this dataset under this machine&apos;s name, as %1/%2/%3. A push job and a sink job are added; they talk over zrepl&apos;s local transport.</source>
        <translation>Jedes Dateisystem landet unter diesem Dataset unter dem Namen dieses Rechners, etwa als %1/%2/%3. Ein Push- und ein Sink-Job werden hinzugefügt; sie sprechen über den lokalen Transport von zrepl miteinander.</translation>
    </message>
    <message>
        <source>The sink job %1 receives into %2 already: the new push job sends to it, as %2/%3/%4.</source>
        <translation>Der Sink-Job %1 empfängt schon nach %2: Der neue Push-Job sendet an ihn, etwa als %2/%3/%4.</translation>
    </message>
    <message>
        <source>This desktop may not read %1.pub. Run this on this machine; it prints the line for the server&apos;s &lt;tt&gt;~/.ssh/authorized_keys&lt;/tt&gt; (of the user above), which lets the key run Holdfast&apos;s receiving end and nothing else:</source>
        <translation>Dieser Desktop darf %1.pub nicht lesen. Führen Sie dies auf diesem Rechner aus; es gibt die Zeile für die &lt;tt&gt;~/.ssh/authorized_keys&lt;/tt&gt; des Servers aus (des Benutzers oben), die den Schlüssel die Empfangsseite von Holdfast ausführen lässt und sonst nichts:</translation>
    </message>
    <message>
        <source>Add this line to the server&apos;s &lt;tt&gt;~/.ssh/authorized_keys&lt;/tt&gt; (of the user above): it lets this key run Holdfast&apos;s receiving end and nothing else. (A zrepl server runs &lt;tt&gt;zrepl stdinserver %1&lt;/tt&gt; there instead.)</source>
        <translation>Fügen Sie diese Zeile zur &lt;tt&gt;~/.ssh/authorized_keys&lt;/tt&gt; des Servers hinzu (des Benutzers oben): Sie lässt diesen Schlüssel die Empfangsseite von Holdfast ausführen und sonst nichts. (Ein zrepl-Server führt dort stattdessen &lt;tt&gt;zrepl stdinserver %1&lt;/tt&gt; aus.)</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
</context>
<context>
    <name>Gui::NewBackupEncryptionPage</name>
    <message>
        <source>Keep the backup encrypted?</source>
        <translation>Die Sicherung verschlüsselt lassen?</translation>
    </message>
    <message>
        <source>Some of what you chose is encrypted with ZFS&apos;s native encryption.</source>
        <translation>Ein Teil Ihrer Auswahl ist mit der eingebauten Verschlüsselung von ZFS verschlüsselt.</translation>
    </message>
    <message>
        <source>Send it encrypted, as it is (raw send)</source>
        <translation>Verschlüsselt senden, so wie es ist (Raw-Send)</translation>
    </message>
    <message>
        <source>Not possible for this backup: %1 are not encrypted, and a job sends either everything encrypted or nothing. Make two backups to send the encrypted filesystems as they are.</source>
        <translation>Für diese Sicherung nicht möglich: %1 sind nicht verschlüsselt, und ein Job sendet entweder alles verschlüsselt oder nichts. Legen Sie zwei Sicherungen an, um die verschlüsselten Dateisysteme so zu senden, wie sie sind.</translation>
    </message>
    <message>
        <source>Encrypted: %1.</source>
        <translation>Verschlüsselt: %1.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Sent encrypted&lt;/b&gt; (zrepl&apos;s &lt;tt&gt;send: {encrypted: true}&lt;/tt&gt;), the backup holds the encrypted blocks as they are: the receiving pool or server never sees the data nor its key, and a stolen USB disk reveals nothing. Restoring needs the key of this machine (&lt;tt&gt;zfs load-key&lt;/tt&gt;), so keep a copy of it elsewhere.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Not sent encrypted&lt;/b&gt;, the data is decrypted for sending and the backup is as safe as the pool it lands on.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Verschlüsselt gesendet&lt;/b&gt; (&lt;tt&gt;send: {encrypted: true}&lt;/tt&gt; von zrepl) enthält die Sicherung die verschlüsselten Blöcke, wie sie sind: Der empfangende Pool oder Server sieht weder die Daten noch ihren Schlüssel, und eine gestohlene USB-Platte verrät nichts. Zum Wiederherstellen braucht es den Schlüssel dieses Rechners (&lt;tt&gt;zfs load-key&lt;/tt&gt;); bewahren Sie eine Kopie davon anderswo auf.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Unverschlüsselt gesendet&lt;/b&gt; werden die Daten zum Senden entschlüsselt, und die Sicherung ist so sicher wie der Pool, auf dem sie landet.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Gui::NewBackupFilesystemsPage</name>
    <message>
        <source>What do you want to back up?</source>
        <translation>Was möchten Sie sichern?</translation>
    </message>
    <message>
        <source>Tick the filesystems to back up. A ticked filesystem includes everything below it, also what is created there later; untick one below it to leave it out.</source>
        <translation>Haken Sie die zu sichernden Dateisysteme an. Ein angehaktes Dateisystem schließt alles darunter ein, auch was dort später entsteht; entfernen Sie den Haken bei einem darunter, um es auszulassen.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Asking the daemon for its filesystems…</source>
        <translation>Der Daemon wird nach seinen Dateisystemen gefragt…</translation>
    </message>
    <message>
        <source>The daemon found no ZFS filesystems on this machine.</source>
        <translation>Der Daemon hat auf diesem Rechner keine ZFS-Dateisysteme gefunden.</translation>
    </message>
    <message>
        <source>Nothing ticked yet.</source>
        <translation>Noch nichts angehakt.</translation>
    </message>
    <message>
        <source>1 filesystem, %1: %2</source>
        <translation>1 Dateisystem, %1: %2</translation>
    </message>
    <message>
        <source>%1 filesystems, %2: %3</source>
        <translation>%1 Dateisysteme, %2: %3</translation>
    </message>
    <message>
        <source>Backed up by another job already: %1. The new job takes snapshots of its own, named so that neither job prunes the other&apos;s.</source>
        <translation>Schon von einem anderen Job gesichert: %1. Der neue Job erstellt eigene Snapshots, so benannt, dass keiner der beiden Jobs die des anderen ausdünnt.</translation>
    </message>
</context>
<context>
    <name>Gui::NewBackupReviewPage</name>
    <message>
        <source>Review and apply</source>
        <translation>Prüfen und übernehmen</translation>
    </message>
    <message>
        <source>These jobs are added to the daemon&apos;s configuration; the rest of the file stays as written.</source>
        <translation>Diese Jobs werden zur Konfiguration des Daemons hinzugefügt; der Rest der Datei bleibt, wie er geschrieben ist.</translation>
    </message>
    <message>
        <source>Reload and Add Again</source>
        <translation>Neu laden und erneut hinzufügen</translation>
    </message>
    <message>
        <source>Reads the configuration as it is now and adds these jobs to it</source>
        <translation>Liest die Konfiguration, wie sie jetzt ist, und fügt diese Jobs hinzu</translation>
    </message>
    <message>
        <source>Reading the configuration again…</source>
        <translation>Die Konfiguration wird erneut gelesen…</translation>
    </message>
    <message>
        <source>Name of the backup job:</source>
        <translation>Name des Sicherungsjobs:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Added to the end of the jobs in %1, from line %2:</source>
        <translation>Ans Ende der Jobs in %1 angefügt, ab Zeile %2:</translation>
    </message>
    <message>
        <source>These jobs use zrepl&apos;s own settings only: zrepl can load the file as well.</source>
        <translation>Diese Jobs verwenden nur die Einstellungen von zrepl: Auch zrepl kann die Datei laden.</translation>
    </message>
    <message>
        <source>Holdfast only: %1</source>
        <translation>Nur Holdfast: %1</translation>
    </message>
    <message>
        <source>On the server: the authorized_keys line and the sink job %1 from the page before must be in place before the first replication.</source>
        <translation>Auf dem Server: Die authorized_keys-Zeile und der Sink-Job %1 von der vorigen Seite müssen vor der ersten Replikation eingerichtet sein.</translation>
    </message>
    <message>
        <source>On the server: the sink job %1 from the page before must be in place before the first replication.</source>
        <translation>Auf dem Server: Der Sink-Job %1 von der vorigen Seite muss vor der ersten Replikation eingerichtet sein.</translation>
    </message>
    <message>
        <source>The daemon is checking the configuration with these jobs…</source>
        <translation>Der Daemon prüft die Konfiguration mit diesen Jobs…</translation>
    </message>
    <message>
        <source>The daemon checked the configuration with these jobs: valid. %1</source>
        <translation>Der Daemon hat die Konfiguration mit diesen Jobs geprüft: gültig. %1</translation>
    </message>
    <message>
        <source>in the existing file, %1</source>
        <translation>in der vorhandenen Datei, %1</translation>
    </message>
    <message>
        <source>The daemon found a problem: %1</source>
        <translation>Der Daemon hat ein Problem gefunden: %1</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Wird übernommen…</translation>
    </message>
    <message>
        <source>Another change is being applied; try again in a moment</source>
        <translation>Gerade wird eine andere Änderung übernommen; versuchen Sie es gleich noch einmal</translation>
    </message>
    <message>
        <source>The configuration has not been read</source>
        <translation>Die Konfiguration wurde nicht gelesen</translation>
    </message>
    <message>
        <source>%1. Nothing was written. Reload the configuration and add these jobs to it as it is now?</source>
        <translation>%1. Es wurde nichts geschrieben. Die Konfiguration neu laden und diese Jobs zu ihrem jetzigen Stand hinzufügen?</translation>
    </message>
    <message>
        <source>Waiting for the job&apos;s first snapshot…</source>
        <translation>Warten auf den ersten Snapshot des Jobs…</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
</context>
<context>
    <name>Gui::NewBackupSchedulePage</name>
    <message>
        <source>How often, and for how long?</source>
        <translation>Wie oft, und wie lange?</translation>
    </message>
    <message>
        <source>Snapshots are taken on this machine and sent to the backup right after; each side then thins them out as chosen here.</source>
        <translation>Snapshots werden auf diesem Rechner erstellt und gleich danach zur Sicherung gesendet; jede Seite dünnt sie dann aus, wie hier gewählt.</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Eigene…</translation>
    </message>
    <message>
        <source>A duration as zrepl writes it: 30m, 2h, 1h30m</source>
        <translation>Eine Dauer, wie zrepl sie schreibt: 30m, 2h, 1h30m</translation>
    </message>
    <message>
        <source>Warn me when the newest backup is older than</source>
        <translation>Warnen, wenn die neueste Sicherung älter ist als</translation>
    </message>
    <message>
        <source>Holdfast only: zrepl does not know this setting and would refuse the file.</source>
        <translation>Nur Holdfast: zrepl kennt diese Einstellung nicht und würde die Datei ablehnen.</translation>
    </message>
    <message>
        <source>Take a snapshot:</source>
        <translation>Snapshot erstellen:</translation>
    </message>
    <message>
        <source>The backup keeps:</source>
        <translation>Die Sicherung behält:</translation>
    </message>
    <message>
        <source>This machine keeps:</source>
        <translation>Dieser Rechner behält:</translation>
    </message>
    <message>
        <source>Snapshots %1, named %2 and the time. The backup keeps %3; this machine keeps %4.</source>
        <translation>Snapshots %1, benannt mit %2 und der Zeit. Die Sicherung behält %3; dieser Rechner behält %4.</translation>
    </message>
</context>
<context>
    <name>Gui::NewBackupText</name>
    <message>
        <source>The warning when the newest backup gets old (“health”) is Holdfast&apos;s own: zrepl refuses a configuration with it. Leave it off to keep the file loadable by zrepl.</source>
        <translation>Die Warnung, wenn die neueste Sicherung alt wird (»health«), gibt es nur bei Holdfast: zrepl lehnt eine Konfiguration damit ab. Lassen Sie sie aus, damit zrepl die Datei laden kann.</translation>
    </message>
    <message>
        <source>Choose at least one filesystem to back up</source>
        <translation>Wählen Sie mindestens ein zu sicherndes Dateisystem</translation>
    </message>
    <message>
        <source>“%1” cannot name this machine on the receiving side: use letters, digits, “-” and “.”</source>
        <translation>»%1« kann diesen Rechner auf der Empfangsseite nicht benennen: Verwenden Sie Buchstaben, Ziffern, »-« und ».«</translation>
    </message>
    <message>
        <source>“%1” is no dataset to receive into, such as usbpool/holdfast</source>
        <translation>»%1« ist kein Dataset zum Empfangen, etwa usbpool/holdfast</translation>
    </message>
    <message>
        <source>%1 lies inside what is backed up: the backup would back itself up. Choose another pool, or leave it out of the filesystems</source>
        <translation>%1 liegt in dem, was gesichert wird: Die Sicherung würde sich selbst sichern. Wählen Sie einen anderen Pool oder nehmen Sie es aus den Dateisystemen heraus</translation>
    </message>
    <message>
        <source>Enter the server&apos;s host name or address</source>
        <translation>Geben Sie den Hostnamen oder die Adresse des Servers ein</translation>
    </message>
    <message>
        <source>Enter the user to log in as on the server</source>
        <translation>Geben Sie den Benutzer ein, als der Sie sich auf dem Server anmelden</translation>
    </message>
    <message>
        <source>The ssh port must be between 1 and 65535</source>
        <translation>Der ssh-Port muss zwischen 1 und 65535 liegen</translation>
    </message>
    <message>
        <source>The identity file must be an absolute path (the daemon runs as root, from /)</source>
        <translation>Die Schlüsseldatei muss ein absoluter Pfad sein (der Daemon läuft als root, von / aus)</translation>
    </message>
    <message>
        <source>“%1” is not host:port, such as backup.example.org:8888</source>
        <translation>»%1« ist nicht Host:Port, etwa backup.example.org:8888</translation>
    </message>
    <message>
        <source>The CA, certificate and key must be absolute paths</source>
        <translation>CA, Zertifikat und Schlüssel müssen absolute Pfade sein</translation>
    </message>
    <message>
        <source>Enter the name (CN) in the server&apos;s certificate</source>
        <translation>Geben Sie den Namen (CN) im Zertifikat des Servers ein</translation>
    </message>
    <message>
        <source>Enter this machine&apos;s address as the server sees it</source>
        <translation>Geben Sie die Adresse dieses Rechners ein, wie der Server sie sieht</translation>
    </message>
    <message>
        <source>“%1” is no dataset on the server to receive into, such as backup/holdfast</source>
        <translation>»%1« ist kein Dataset auf dem Server zum Empfangen, etwa backup/holdfast</translation>
    </message>
    <message>
        <source>The configuration file cannot take new jobs: %1</source>
        <translation>Die Konfigurationsdatei kann keine neuen Jobs aufnehmen: %1</translation>
    </message>
    <message>
        <source>The job could not be added to the configuration: %1</source>
        <translation>Der Job konnte nicht zur Konfiguration hinzugefügt werden: %1</translation>
    </message>
</context>
<context>
    <name>Gui::NewBackupWizard</name>
    <message>
        <source>New Backup</source>
        <translation>Neue Sicherung</translation>
    </message>
    <message>
        <source>The configuration has not been read yet</source>
        <translation>Die Konfiguration wurde noch nicht gelesen</translation>
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
    <name>Gui::PruningExplanationFetcher</name>
    <message>
        <source>This daemon does not explain its pruning decisions (zrepl)</source>
        <translation>Dieser Daemon erklärt seine Ausdünnungsentscheidungen nicht (zrepl)</translation>
    </message>
    <message>
        <source>The daemon could not explain the pruning: %1</source>
        <translation>Der Daemon konnte das Ausdünnen nicht erklären: %1</translation>
    </message>
    <message>
        <source>The daemon&apos;s pruning explanation could not be read: %1</source>
        <translation>Die Ausdünnungserklärung des Daemons ist nicht lesbar: %1</translation>
    </message>
</context>
<context>
    <name>Gui::PruningExplanationModel</name>
    <message>
        <source>Destroyed</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Gehalten</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Behalten</translation>
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
        <source>Kept by %1</source>
        <translation>Behalten durch %1</translation>
    </message>
    <message>
        <source>The keep rules would destroy it, but: %1</source>
        <translation>Die Aufbewahrungsregeln würden ihn löschen, aber: %1</translation>
    </message>
    <message>
        <source>Not replicated yet</source>
        <translation>Noch nicht repliziert</translation>
    </message>
    <message>
        <source>%1@%2: %3</source>
        <translation>%1@%2: %3</translation>
    </message>
    <message>
        <source>%1 snapshots: %2 kept, %3 held, %4 destroyed</source>
        <translation>%1 Snapshots: %2 behalten, %3 gehalten, %4 gelöscht</translation>
    </message>
    <message>
        <source>(pruning round of %1)</source>
        <translation>(Ausdünnungsrunde vom %1)</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
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
    <name>Gui::RestoreDialog</name>
    <message>
        <source>1 file</source>
        <translation>1 Datei</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 Dateien</translation>
    </message>
    <message>
        <source>Restore %1</source>
        <translation>%1 wiederherstellen</translation>
    </message>
    <message>
        <source>Restore %1 as it was in the snapshot of %2.</source>
        <translation>%1 so wiederherstellen, wie es im Snapshot vom %2 war.</translation>
    </message>
    <message>
        <source>%1
Snapshot %2, taken %3</source>
        <translation>%1
Snapshot %2, erstellt %3</translation>
    </message>
    <message>
        <source>Put it back in its &amp;place; the current one is kept beside it, renamed</source>
        <translation>An seinen &amp;Platz zurücklegen; das Aktuelle bleibt umbenannt daneben erhalten</translation>
    </message>
    <message>
        <source>Restore it as a &amp;copy next to the current one</source>
        <translation>Als &amp;Kopie neben dem Aktuellen wiederherstellen</translation>
    </message>
    <message>
        <source>Restore it &amp;into a folder:</source>
        <translation>&amp;In einen Ordner wiederherstellen:</translation>
    </message>
    <message>
        <source>C&amp;hoose Folder…</source>
        <translation>&amp;Ordner wählen…</translation>
    </message>
    <message>
        <source>Where this lives now is not known (it comes from a backup): restore it into a folder</source>
        <translation>Wo dies jetzt liegt, ist nicht bekannt (es stammt aus einer Sicherung): in einen Ordner wiederherstellen</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>What will happen</source>
        <translation>Was geschehen wird</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Restore into</source>
        <translation>Wiederherstellen nach</translation>
    </message>
    <message>
        <source>This cannot be done: %1</source>
        <translation>Das geht nicht: %1</translation>
    </message>
    <message>
        <source>Something changed in the meantime; this is what would happen now:</source>
        <translation>Inzwischen hat sich etwas geändert; jetzt würde Folgendes geschehen:</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Counting what to copy: %1 so far</source>
        <translation>Zu Kopierendes wird gezählt: bisher %1</translation>
    </message>
    <message>
        <source>%1 of %2 · %3</source>
        <translation>%1 von %2 · %3</translation>
    </message>
    <message>
        <source>Finishing: the copy is saved and gets its name</source>
        <translation>Abschluss: Die Kopie wird gesichert und erhält ihren Namen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Left out:</source>
        <translation>Ausgelassen:</translation>
    </message>
    <message>
        <source>Not kept:</source>
        <translation>Nicht erhalten:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>What was asked</source>
        <translation>Was verlangt wurde</translation>
    </message>
</context>
<context>
    <name>Gui::RestoreSourceModel</name>
    <message>
        <source>%1 (backup, not mounted)</source>
        <translation>%1 (Sicherung, nicht eingehängt)</translation>
    </message>
    <message>
        <source>%1 (not mounted)</source>
        <translation>%1 (nicht eingehängt)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2, not readable by you)</source>
        <translation>%1 (%2, für Sie nicht lesbar)</translation>
    </message>
    <message>
        <source>ZFS filesystem %1, mounted at %2</source>
        <translation>ZFS-Dateisystem %1, eingehängt unter %2</translation>
    </message>
    <message>
        <source>ZFS filesystem %1: not mounted; the daemon mounts a snapshot of it for you to browse</source>
        <translation>ZFS-Dateisystem %1: nicht eingehängt; der Daemon hängt einen Snapshot davon zum Durchsuchen für Sie ein</translation>
    </message>
    <message>
        <source>Received by job %1</source>
        <translation>Empfangen von Auftrag %1</translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation>Auftrag %1</translation>
    </message>
    <message>
        <source>You may not read %1: its snapshots are closed to you too.</source>
        <translation>Sie dürfen %1 nicht lesen: Auch seine Snapshots sind Ihnen verschlossen.</translation>
    </message>
</context>
<context>
    <name>Gui::RestoreView</name>
    <message>
        <source>1 item</source>
        <translation>1 Eintrag</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 Einträge</translation>
    </message>
    <message>
        <source>Opened read-only: %1</source>
        <translation>Schreibgeschützt geöffnet: %1</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>&amp;Versions…</source>
        <translation>&amp;Versionen…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Compare with Current</source>
        <translation>&amp;Mit aktueller vergleichen</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <source>&amp;Browse the Backup…</source>
        <translation>&amp;Sicherung durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Filesystem:</source>
        <translation>Date&amp;isystem:</translation>
    </message>
    <message>
        <source>No ZFS filesystem is mounted that you can read, and the daemon names none of its own.</source>
        <translation>Es ist kein ZFS-Dateisystem eingehängt, das Sie lesen dürfen, und der Daemon nennt keines.</translation>
    </message>
    <message>
        <source>You may not read %1: its snapshots are closed to you too.</source>
        <translation>Sie dürfen %1 nicht lesen: Auch seine Snapshots sind Ihnen verschlossen.</translation>
    </message>
    <message>
        <source>Listing the snapshots…</source>
        <translation>Die Snapshots werden aufgelistet…</translation>
    </message>
    <message>
        <source>%1 is not mounted, and the daemon, which mounts its snapshots for browsing, does not answer.</source>
        <translation>%1 ist nicht eingehängt, und der Daemon, der seine Snapshots zum Durchsuchen einhängt, antwortet nicht.</translation>
    </message>
    <message>
        <source>Asking the daemon for the snapshots…</source>
        <translation>Der Daemon wird nach den Snapshots gefragt…</translation>
    </message>
    <message>
        <source>%1 has no snapshots yet.</source>
        <translation>%1 hat noch keine Snapshots.</translation>
    </message>
    <message>
        <source>%1 is a backup that is not mounted. Choose a snapshot and Browse the Backup: the daemon mounts it read-only for you while you look.</source>
        <translation>%1 ist eine Sicherung, die nicht eingehängt ist. Wählen Sie einen Snapshot und »Sicherung durchsuchen«: Der Daemon hängt ihn für Sie schreibgeschützt ein, solange Sie schauen.</translation>
    </message>
    <message>
        <source>Asking the daemon to mount %1@%2 for you…</source>
        <translation>Der Daemon wird gebeten, %1@%2 für Sie einzuhängen…</translation>
    </message>
    <message>
        <source>%1@%2 is mounted read-only for you until you leave it.</source>
        <translation>%1@%2 ist für Sie schreibgeschützt eingehängt, bis Sie es verlassen.</translation>
    </message>
    <message>
        <source>%1, as it was on %2</source>
        <translation>%1, wie es am %2 war</translation>
    </message>
    <message>
        <source>Listing…</source>
        <translation>Wird aufgelistet…</translation>
    </message>
    <message>
        <source>Listing… %1 so far</source>
        <translation>Wird aufgelistet… bisher %1</translation>
    </message>
    <message>
        <source>Empty folder</source>
        <translation>Leerer Ordner</translation>
    </message>
    <message>
        <source>Choose a file or folder in a snapshot first</source>
        <translation>Zuerst eine Datei oder einen Ordner in einem Snapshot wählen</translation>
    </message>
    <message>
        <source>A backup that is not mounted has no current version to compare with</source>
        <translation>Eine nicht eingehängte Sicherung hat keine aktuelle Version zum Vergleichen</translation>
    </message>
    <message>
        <source>Only files and folders can be opened</source>
        <translation>Nur Dateien und Ordner lassen sich öffnen</translation>
    </message>
    <message>
        <source>Only files are compared</source>
        <translation>Nur Dateien werden verglichen</translation>
    </message>
    <message>
        <source>Special files (devices, pipes, sockets) cannot be restored</source>
        <translation>Spezialdateien (Geräte, Pipes, Sockets) lassen sich nicht wiederherstellen</translation>
    </message>
    <message>
        <source>Every version of this in the snapshots, to open, compare or restore (%1)</source>
        <translation>Alle Versionen davon in den Snapshots, zum Öffnen, Vergleichen oder Wiederherstellen (%1)</translation>
    </message>
    <message>
        <source>Open a read-only copy of it as it was then (%1)</source>
        <translation>Eine schreibgeschützte Kopie davon öffnen, wie es damals war (%1)</translation>
    </message>
    <message>
        <source>Show what changed between then and the current file (%1)</source>
        <translation>Zeigen, was sich seitdem gegenüber der aktuellen Datei geändert hat (%1)</translation>
    </message>
    <message>
        <source>Restore it: you choose how before anything changes (%1)</source>
        <translation>Wiederherstellen: Sie wählen wie, bevor sich etwas ändert (%1)</translation>
    </message>
    <message>
        <source>The folder above (Backspace, Alt+Up)</source>
        <translation>Der Ordner darüber (Rücktaste, Alt+Hoch)</translation>
    </message>
    <message>
        <source>The daemon does not answer</source>
        <translation>Der Daemon antwortet nicht</translation>
    </message>
    <message>
        <source>Choose a snapshot first</source>
        <translation>Zuerst einen Snapshot wählen</translation>
    </message>
    <message>
        <source>The daemon is mounting it…</source>
        <translation>Der Daemon hängt ihn ein…</translation>
    </message>
    <message>
        <source>This snapshot is mounted for you already</source>
        <translation>Dieser Snapshot ist für Sie schon eingehängt</translation>
    </message>
    <message>
        <source>Ask the daemon to mount this snapshot read-only for you to browse (%1)</source>
        <translation>Den Daemon bitten, diesen Snapshot schreibgeschützt für Sie zum Durchsuchen einzuhängen (%1)</translation>
    </message>
</context>
<context>
    <name>Gui::Retention</name>
    <message>
        <source>part %1 of %2 (“%3”)</source>
        <translation>Teil %1 von %2 (»%3«)</translation>
    </message>
    <message>
        <source>%1 is not of the form &lt;count&gt;x&lt;length&gt;, as 24x1h or 1x1h(keep=all)</source>
        <translation>%1 hat nicht die Form &lt;Anzahl&gt;x&lt;Länge&gt;, wie 24x1h oder 1x1h(keep=all)</translation>
    </message>
    <message>
        <source>%1: the count must be between 1 and %2</source>
        <translation>%1: Die Anzahl muss zwischen 1 und %2 liegen</translation>
    </message>
    <message>
        <source>%1: the length must be a positive number with s, m, h, d or w</source>
        <translation>%1: Die Länge muss eine positive Zahl mit s, m, h, d oder w sein</translation>
    </message>
    <message>
        <source>%1: keep= takes “all” or a positive number</source>
        <translation>%1: keep= nimmt »all« oder eine positive Zahl</translation>
    </message>
    <message>
        <source>%1: the lengths must grow from left to right</source>
        <translation>%1: Die Längen müssen von links nach rechts wachsen</translation>
    </message>
    <message>
        <source>about a year</source>
        <translation>etwa ein Jahr</translation>
    </message>
    <message>
        <source>about %1 years</source>
        <translation>etwa %1 Jahre</translation>
    </message>
    <message>
        <source>about %1 months</source>
        <translation>etwa %1 Monate</translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation>%1 Wochen</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>an hour</source>
        <translation>eine Stunde</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
    <message>
        <source>24 hourly, 14 daily, 8 weekly, 12 monthly</source>
        <translation>24 stündliche, 14 tägliche, 8 wöchentliche, 12 monatliche</translation>
    </message>
    <message>
        <source>24 hourly, 14 daily, 8 weekly and 12 monthly snapshots</source>
        <translation>24 stündliche, 14 tägliche, 8 wöchentliche und 12 monatliche Snapshots</translation>
    </message>
    <message>
        <source>Hourly for 2 weeks</source>
        <translation>Stündlich für 2 Wochen</translation>
    </message>
    <message>
        <source>an hourly snapshot for 2 weeks</source>
        <translation>einen stündlichen Snapshot für 2 Wochen</translation>
    </message>
    <message>
        <source>24 hourly, then daily for a month</source>
        <translation>24 stündliche, dann täglich für einen Monat</translation>
    </message>
    <message>
        <source>24 hourly and 30 daily snapshots</source>
        <translation>24 stündliche und 30 tägliche Snapshots</translation>
    </message>
    <message>
        <source>24 hourly, 30 daily, 6 monthly (zrepl&apos;s example)</source>
        <translation>24 stündliche, 30 tägliche, 6 monatliche (Beispiel von zrepl)</translation>
    </message>
    <message>
        <source>24 hourly, 30 daily and 6 monthly snapshots</source>
        <translation>24 stündliche, 30 tägliche und 6 monatliche Snapshots</translation>
    </message>
    <message>
        <source>24 hourly, 30 daily, 12 weekly, 24 monthly</source>
        <translation>24 stündliche, 30 tägliche, 12 wöchentliche, 24 monatliche</translation>
    </message>
    <message>
        <source>24 hourly, 30 daily, 12 weekly and 24 monthly snapshots</source>
        <translation>24 stündliche, 30 tägliche, 12 wöchentliche und 24 monatliche Snapshots</translation>
    </message>
    <message>
        <source>Every 15 minutes</source>
        <translation>Alle 15 Minuten</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>Jede Stunde</translation>
    </message>
    <message>
        <source>Every 6 hours</source>
        <translation>Alle 6 Stunden</translation>
    </message>
    <message>
        <source>Once a day</source>
        <translation>Einmal am Tag</translation>
    </message>
    <message>
        <source>The retention grid is empty</source>
        <translation>Das Aufbewahrungsraster ist leer</translation>
    </message>
    <message>
        <source>“%1” is not a duration such as 15m, 1h or 1h30m (units: s, m, h)</source>
        <translation>»%1« ist keine Dauer wie 15m, 1h oder 1h30m (Einheiten: s, m, h)</translation>
    </message>
    <message>
        <source>An interval of less than a second would snapshot without pause</source>
        <translation>Bei einem Intervall unter einer Sekunde würden ohne Pause Snapshots erstellt</translation>
    </message>
    <message>
        <source>once a day</source>
        <translation>einmal am Tag</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>jede Stunde</translation>
    </message>
    <message>
        <source>every %1 hours</source>
        <translation>alle %1 Stunden</translation>
    </message>
    <message>
        <source>every minute</source>
        <translation>jede Minute</translation>
    </message>
    <message>
        <source>every %1 minutes</source>
        <translation>alle %1 Minuten</translation>
    </message>
    <message>
        <source>every %1</source>
        <translation>alle %1</translation>
    </message>
    <message>
        <source>what is not replicated yet</source>
        <translation>was noch nicht repliziert ist</translation>
    </message>
    <message>
        <source>the newest snapshot</source>
        <translation>den neuesten Snapshot</translation>
    </message>
    <message>
        <source>the %1 newest</source>
        <translation>die %1 neuesten</translation>
    </message>
    <message>
        <source>the grid %1</source>
        <translation>das Raster %1</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>, and </source>
        <translation> und </translation>
    </message>
</context>
<context>
    <name>Gui::RetentionEditor</name>
    <message>
        <source>Until replicated, and the 10 newest (zrepl&apos;s default)</source>
        <translation>Bis repliziert, und die 10 neuesten (Vorgabe von zrepl)</translation>
    </message>
    <message>
        <source>Until replicated, and %1</source>
        <translation>Bis repliziert, und %1</translation>
    </message>
    <message>
        <source>Until replicated, and the newest…</source>
        <translation>Bis repliziert, und die neuesten…</translation>
    </message>
    <message>
        <source>The newest…</source>
        <translation>Die neuesten…</translation>
    </message>
    <message>
        <source>Custom grid…</source>
        <translation>Eigenes Raster…</translation>
    </message>
    <message>
        <source>zrepl&apos;s retention grid: &lt;count&gt;x&lt;length&gt; intervals from now backwards, separated by |; lengths in s, m, h, d or w; (keep=all) keeps every snapshot of an interval</source>
        <translation>Aufbewahrungsraster von zrepl: &lt;Anzahl&gt;x&lt;Länge&gt;-Intervalle von jetzt an rückwärts, getrennt durch |; Längen in s, m, h, d oder w; (keep=all) behält jeden Snapshot eines Intervalls</translation>
    </message>
    <message>
        <source> snapshots</source>
        <translation> Snapshots</translation>
    </message>
    <message>
        <source>Keep snapshots taken by hand or by other tools</source>
        <translation>Von Hand oder mit anderen Werkzeugen erstellte Snapshots behalten</translation>
    </message>
    <message>
        <source>Keeps every snapshot whose name does not start with %1: zrepl&apos;s rules would prune them otherwise</source>
        <translation>Behält jeden Snapshot, dessen Name nicht mit %1 beginnt: Die Regeln von zrepl würden sie sonst ausdünnen</translation>
    </message>
    <message>
        <source>As now: %1</source>
        <translation>Wie jetzt: %1</translation>
    </message>
    <message>
        <source>nothing (the job keeps every snapshot)</source>
        <translation>nichts (der Job behält jeden Snapshot)</translation>
    </message>
    <message>
        <source>As written (unchanged)</source>
        <translation>Wie geschrieben (unverändert)</translation>
    </message>
    <message>
        <source>Keeps what the file&apos;s rules say; they are left as written:
%1</source>
        <translation>Behält, was die Regeln der Datei sagen; sie bleiben, wie sie geschrieben sind:
%1</translation>
    </message>
    <message>
        <source>Keeps snapshots for %1.</source>
        <translation>Behält Snapshots für %1.</translation>
    </message>
    <message>
        <source>zrepl grid: %1</source>
        <translation>zrepl-Raster: %1</translation>
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
    <message>
        <source>This daemon cannot pause jobs: zrepl knows no pause, only Holdfast&apos;s daemon does</source>
        <translation>Dieser Daemon kann Jobs nicht pausieren: zrepl kennt keine Pause, nur der Daemon von Holdfast</translation>
    </message>
    <message>
        <source>Replication of %1 paused</source>
        <translation>Replikation von %1 pausiert</translation>
    </message>
    <message>
        <source>Replication of %1 resumed</source>
        <translation>Replikation von %1 fortgesetzt</translation>
    </message>
    <message>
        <source>The daemon refused: %1</source>
        <translation>Der Daemon hat abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>Gui::SnapshotDirectoryModel</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>%1 is a symbolic link: restoring it restores the link, not what it points to</source>
        <translation>%1 ist ein symbolischer Link: Wiederhergestellt wird der Link, nicht sein Ziel</translation>
    </message>
    <message>
        <source>%1 is a special file (a device, pipe or socket): it cannot be restored</source>
        <translation>%1 ist eine Spezialdatei (ein Gerät, eine Pipe oder ein Socket): Sie lässt sich nicht wiederherstellen</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>Modified %1</source>
        <translation>Geändert %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>Gui::SnapshotTimelineModel</name>
    <message>
        <source>No snapshots</source>
        <translation>Keine Snapshots</translation>
    </message>
    <message>
        <source>1 snapshot</source>
        <translation>1 Snapshot</translation>
    </message>
    <message>
        <source>%1 snapshots</source>
        <translation>%1 Snapshots</translation>
    </message>
    <message>
        <source>newest %1</source>
        <translation>neuester %1</translation>
    </message>
    <message>
        <source>%1 held</source>
        <translation>%1 gehalten</translation>
    </message>
    <message>
        <source>The time is read from the snapshot&apos;s name: zfs could not be asked.</source>
        <translation>Die Zeit stammt aus dem Namen des Snapshots: zfs ließ sich nicht fragen.</translation>
    </message>
    <message>
        <source>The time is that of the last change before the snapshot: zfs could not be asked and the name holds no date.</source>
        <translation>Die Zeit ist die der letzten Änderung vor dem Snapshot: zfs ließ sich nicht fragen, und der Name enthält kein Datum.</translation>
    </message>
    <message>
        <source>When this snapshot was taken is not known.</source>
        <translation>Wann dieser Snapshot erstellt wurde, ist nicht bekannt.</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Gehalten</translation>
    </message>
    <message>
        <source>Taken %1</source>
        <translation>Erstellt %1</translation>
    </message>
    <message>
        <source>Snapshot %1</source>
        <translation>Snapshot %1</translation>
    </message>
    <message>
        <source>Snapshots named %1… are taken by the same job or tool</source>
        <translation>Snapshots namens %1… stammen vom selben Auftrag oder Werkzeug</translation>
    </message>
    <message>
        <source>Whether a hold keeps this snapshot is not known: zfs could not be asked</source>
        <translation>Ob ein Hold diesen Snapshot hält, ist nicht bekannt: zfs ließ sich nicht fragen</translation>
    </message>
    <message>
        <source>A zfs hold keeps this snapshot: pruning does not destroy it</source>
        <translation>Ein zfs-Hold hält diesen Snapshot: Das Aufräumen löscht ihn nicht</translation>
    </message>
    <message>
        <source>No hold: pruning may destroy this snapshot when it is old enough</source>
        <translation>Kein Hold: Das Aufräumen kann diesen Snapshot löschen, wenn er alt genug ist</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>Präfix</translation>
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
    <message>
        <source>%1 (paused)</source>
        <translation>%1 (pausiert)</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>Wieder&amp;herstellen…</translation>
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
    <message>
        <source>Replication paused: the backups age until it is resumed</source>
        <translation>Replikation pausiert: Die Sicherungen altern, bis sie fortgesetzt wird</translation>
    </message>
</context>
<context>
    <name>Gui::VersionOpener</name>
    <message>
        <source>%1 cannot be made: %2</source>
        <translation>%1 lässt sich nicht anlegen: %2</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>%1 is not a folder of yours: the version is not copied there.</source>
        <translation>%1 ist kein Ordner von Ihnen: Die Version wird nicht dorthin kopiert.</translation>
    </message>
    <message>
        <source>%1 cannot be made private: %2</source>
        <translation>%1 lässt sich nicht privat machen: %2</translation>
    </message>
    <message>
        <source>No folder for the copy can be made in %1: %2</source>
        <translation>In %1 lässt sich kein Ordner für die Kopie anlegen: %2</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>vom %1</translation>
    </message>
    <message>
        <source>from a snapshot</source>
        <translation>aus einem Snapshot</translation>
    </message>
    <message>
        <source>Only files and folders can be opened; %1 is neither.</source>
        <translation>Nur Dateien und Ordner lassen sich öffnen; %1 ist keins von beiden.</translation>
    </message>
    <message>
        <source>%1 is not there.</source>
        <translation>%1 ist nicht vorhanden.</translation>
    </message>
    <message>
        <source>No application could be started to open %1.</source>
        <translation>Es ließ sich kein Programm starten, um %1 zu öffnen.</translation>
    </message>
</context>
<context>
    <name>Restore::DirectoryLister</name>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>%1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>%1 could not be read completely: %2</source>
        <translation>%1 ließ sich nicht vollständig lesen: %2</translation>
    </message>
</context>
<context>
    <name>Restore::RestoreEngine</name>
    <message>
        <source>a special file (device, pipe or socket); such files are not restored</source>
        <translation>eine Spezialdatei (Gerät, Pipe oder Socket); solche Dateien werden nicht wiederhergestellt</translation>
    </message>
    <message numerus="yes">
        <source>%n restored item(s) belonged to another user; the restored copies belong to you</source>
        <translation>
            <numerusform>%n wiederhergestellter Eintrag gehörte einem anderen Benutzer; die wiederhergestellte Kopie gehört Ihnen</numerusform>
            <numerusform>%n wiederhergestellte Einträge gehörten einem anderen Benutzer; die wiederhergestellten Kopien gehören Ihnen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the owner of %n restored item(s) could not be kept: they belong to you</source>
        <translation>
            <numerusform>%n wiederhergestellter Eintrag konnte seinen Eigentümer nicht behalten und gehört jetzt Ihnen</numerusform>
            <numerusform>%n wiederhergestellte Einträge konnten ihren Eigentümer nicht behalten und gehören jetzt Ihnen</numerusform>
        </translation>
    </message>
    <message>
        <source>extended attributes in the &quot;%1&quot; namespace could not be kept (not allowed here, or not supported by the target filesystem)</source>
        <translation>erweiterte Attribute im Namensraum „%1“ ließen sich nicht erhalten (hier nicht erlaubt oder vom Ziel-Dateisystem nicht unterstützt)</translation>
    </message>
    <message>
        <source>The snapshot holding %1 is gone: it was destroyed (pruned?) while restoring</source>
        <translation>Der Snapshot mit %1 ist nicht mehr vorhanden: Er wurde während der Wiederherstellung gelöscht (ausgedünnt?)</translation>
    </message>
    <message>
        <source>You may not read %1 (permission denied). Files of other users can be restored by them or by an administrator.</source>
        <translation>Sie dürfen %1 nicht lesen (Zugriff verweigert). Dateien anderer Benutzer können diese selbst oder ein Administrator wiederherstellen.</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 ließ sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>The disk is full: %1 has no room left (%2 of %3 restored). Free some space and restore again.</source>
        <translation>Der Datenträger ist voll: In %1 ist kein Platz mehr (%2 von %3 wiederhergestellt). Geben Sie Speicherplatz frei und starten Sie die Wiederherstellung erneut.</translation>
    </message>
    <message>
        <source>You may not write %1: %2</source>
        <translation>Sie dürfen %1 nicht schreiben: %2</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 ließ sich nicht schreiben: %2</translation>
    </message>
    <message>
        <source>not readable by you (permission denied)</source>
        <translation>für Sie nicht lesbar (Zugriff verweigert)</translation>
    </message>
    <message>
        <source>folder not readable by you (permission denied); restored empty</source>
        <translation>Ordner für Sie nicht lesbar (Zugriff verweigert); leer wiederhergestellt</translation>
    </message>
    <message>
        <source>%1 is not in the snapshot (any more): the snapshot may have been destroyed.</source>
        <translation>%1 ist nicht (mehr) im Snapshot: Der Snapshot wurde möglicherweise gelöscht.</translation>
    </message>
    <message>
        <source>%1 is a special file (device, pipe or socket): it cannot be restored.</source>
        <translation>%1 ist eine Spezialdatei (ein Gerät, eine Pipe oder ein Socket): Sie lässt sich nicht wiederherstellen.</translation>
    </message>
    <message>
        <source>%1 has no place to go back to: restore it into a folder.</source>
        <translation>Für %1 gibt es keinen ursprünglichen Platz: Stellen Sie es in einen Ordner wieder her.</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>vom %1</translation>
    </message>
    <message>
        <source>before restore %1</source>
        <translation>vor Wiederherstellung %1</translation>
    </message>
    <message>
        <source>The folder %1 does not exist (any more): choose a folder to restore into.</source>
        <translation>Der Ordner %1 existiert nicht (mehr): Wählen Sie einen Ordner, in den wiederhergestellt werden soll.</translation>
    </message>
    <message>
        <source>You may not create files in %1 (permission denied): choose a folder to restore into.</source>
        <translation>Sie dürfen in %1 keine Dateien anlegen (Zugriff verweigert): Wählen Sie einen Ordner, in den wiederhergestellt werden soll.</translation>
    </message>
    <message>
        <source>The folder %1 and everything in it</source>
        <translation>Der Ordner %1 mit seinem gesamten Inhalt</translation>
    </message>
    <message>
        <source>The file %1</source>
        <translation>Die Datei %1</translation>
    </message>
    <message>
        <source>%1 will be restored as %2. Nothing existing is changed.</source>
        <translation>%1 wird als %2 wiederhergestellt. Nichts Vorhandenes wird verändert.</translation>
    </message>
    <message>
        <source>%1 will be restored as %2. What is there now is not deleted: it is renamed to %3.</source>
        <translation>%1 wird als %2 wiederhergestellt. Was jetzt dort liegt, wird nicht gelöscht, sondern in %3 umbenannt.</translation>
    </message>
    <message numerus="yes">
        <source>An earlier restore that did not finish left %1; delete it once no restore is running.</source>
        <translation>
            <numerusform>Eine frühere, nicht abgeschlossene Wiederherstellung hat %1 hinterlassen; löschen Sie es, sobald keine Wiederherstellung mehr läuft.</numerusform>
            <numerusform>Eine frühere, nicht abgeschlossene Wiederherstellung hat %1 hinterlassen; löschen Sie sie, sobald keine Wiederherstellung mehr läuft.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n Ordner</numerusform>
            <numerusform>%n Ordner</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s)</source>
        <translation>
            <numerusform>%n Link</numerusform>
            <numerusform>%n Links</numerusform>
        </translation>
    </message>
    <message>
        <source>Restored %1 (%2) as %3.</source>
        <translation>%1 (%2) als %3 wiederhergestellt.</translation>
    </message>
    <message>
        <source>The previous version is kept as %1.</source>
        <translation>Die bisherige Version bleibt als %1 erhalten.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be restored.</source>
        <translation>
            <numerusform>%n Eintrag ließ sich nicht wiederherstellen.</numerusform>
            <numerusform>%n Einträge ließen sich nicht wiederherstellen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore cancelled. Nothing was changed.</source>
        <translation>Wiederherstellung abgebrochen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Restore failed: %1</source>
        <translation>Wiederherstellung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>What was restored so far (%1) is kept apart as %2; the original was not touched.</source>
        <translation>Was bis dahin wiederhergestellt war (%1), bleibt getrennt als %2 erhalten; das Original wurde nicht angetastet.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>incomplete restore %1</source>
        <translation>unvollständige Wiederherstellung %1</translation>
    </message>
    <message>
        <source>The restored copy could not be written to disk: %1</source>
        <translation>Die wiederhergestellte Kopie ließ sich nicht auf den Datenträger schreiben: %1</translation>
    </message>
    <message>
        <source>The previous version could not be renamed to %1 (%2); it is kept as %3.</source>
        <translation>Die bisherige Version ließ sich nicht in %1 umbenennen (%2); sie bleibt als %3 erhalten.</translation>
    </message>
    <message>
        <source>%1 could not be replaced: %2</source>
        <translation>%1 ließ sich nicht ersetzen: %2</translation>
    </message>
    <message>
        <source>%1 could not be moved aside to %2: %3</source>
        <translation>%1 ließ sich nicht nach %2 beiseiteschieben: %3</translation>
    </message>
    <message>
        <source>%1 could not be restored under its name: %2</source>
        <translation>%1 ließ sich nicht unter seinem Namen wiederherstellen: %2</translation>
    </message>
    <message>
        <source>%1 could not be created: %2</source>
        <translation>%1 ließ sich nicht anlegen: %2</translation>
    </message>
</context>
<context>
    <name>Restore::SnapshotCatalog</name>
    <message>
        <source>%1 has no snapshot directory (.zfs/snapshot): it is not a ZFS filesystem, or its zfs does not offer one</source>
        <translation>%1 hat kein Snapshot-Verzeichnis (.zfs/snapshot): Es ist kein ZFS-Dateisystem, oder sein zfs bietet keines an</translation>
    </message>
    <message>
        <source>%1 does not exist (not mounted?)</source>
        <translation>%1 existiert nicht (nicht eingehängt?)</translation>
    </message>
</context>
<context>
    <name>Restore::TextDiff</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>%1 is too large to compare (%2 MiB; at most %3 MiB)</source>
        <translation>%1 ist zu groß zum Vergleichen (%2 MiB; höchstens %3 MiB)</translation>
    </message>
    <message>
        <source>%1 is not text (binary content or not UTF-8): only text files can be compared</source>
        <translation>%1 ist kein Text (binärer Inhalt oder kein UTF-8): Nur Textdateien lassen sich vergleichen</translation>
    </message>
</context>
</TS>
