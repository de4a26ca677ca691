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
</TS>
