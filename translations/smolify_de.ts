<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Labels</name>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Lehrermodell</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Turn a typed intent into a small language model you own.</source>
        <translation>Aus einer beschriebenen Aufgabe ein eigenes kleines Sprachmodell machen.</translation>
    </message>
    <message>
        <source>Open PROJECT on the Data page, save the window to FILE and exit.</source>
        <translation>PROJEKT auf der Seite „Daten“ öffnen, das Fenster als DATEI speichern und beenden.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>A project file (.smolify) to open.</source>
        <translation>Eine Projektdatei (.smolify), die geöffnet werden soll.</translation>
    </message>
    <message>
        <source>Open PROJECT on PAGE: data or train (for --screenshot too).</source>
        <translation>PROJEKT auf SEITE öffnen: data oder train (auch für --screenshot).</translation>
    </message>
    <message>
        <source>PAGE</source>
        <translation>SEITE</translation>
    </message>
</context>
<context>
    <name>smolify::ui::DataPage</name>
    <message>
        <source>Could not read samples: %1</source>
        <translation>Beispiele konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Add samples from a JSONL or CSV file</source>
        <translation>Beispiele aus einer JSONL- oder CSV-Datei hinzufügen</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>All splits</source>
        <translation>Alle Teilmengen</translation>
    </message>
    <message>
        <source>Search inputs, outputs and reject reasons</source>
        <translation>Eingaben, Ausgaben und Ablehnungsgründe durchsuchen</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;No samples yet&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Import a JSON Lines or CSV file with &lt;i&gt;Import…&lt;/i&gt; above. Generating samples with a teacher model arrives in a later version.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;Noch keine Beispiele&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Importieren Sie oben mit &lt;i&gt;Importieren…&lt;/i&gt; eine JSON-Lines- oder CSV-Datei. Das Erzeugen von Beispielen mit einem Lehrermodell folgt in einer späteren Version.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Approve the selected samples</source>
        <translation>Die ausgewählten Beispiele annehmen</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>Ablehnen…</translation>
    </message>
    <message>
        <source>Reject the selected samples, with a reason</source>
        <translation>Die ausgewählten Beispiele mit Begründung ablehnen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Take back the last decision</source>
        <translation>Die letzte Entscheidung zurücknehmen</translation>
    </message>
    <message>
        <source>Next Sample</source>
        <translation>Nächstes Beispiel</translation>
    </message>
    <message>
        <source>Move to the next sample</source>
        <translation>Zum nächsten Beispiel gehen</translation>
    </message>
    <message>
        <source>Previous Sample</source>
        <translation>Vorheriges Beispiel</translation>
    </message>
    <message>
        <source>Move to the previous sample</source>
        <translation>Zum vorherigen Beispiel gehen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read the samples again from the project</source>
        <translation>Die Beispiele erneut aus dem Projekt lesen</translation>
    </message>
    <message>
        <source>Review not saved</source>
        <translation>Entscheidung nicht gespeichert</translation>
    </message>
    <message>
        <source>Approved #%1</source>
        <translation>#%1 angenommen</translation>
    </message>
    <message>
        <source>Rejected #%1: %2</source>
        <translation>#%1 abgelehnt: %2</translation>
    </message>
    <message numerus="yes">
        <source>Approved %n samples</source>
        <translation>
            <numerusform>%n Beispiel angenommen</numerusform>
            <numerusform>%n Beispiele angenommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n samples: %1</source>
        <translation>
            <numerusform>%n Beispiel abgelehnt: %1</numerusform>
            <numerusform>%n Beispiele abgelehnt: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>Undo failed</source>
        <translation>Rückgängig machen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not count samples: %1</source>
        <translation>Beispiele konnten nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>Could not read sample #%1: %2</source>
        <translation>Beispiel #%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Keys: A approve · R reject · J / K next / previous · Ctrl+Z undo · Shift or Ctrl + click to select several</source>
        <translation>Tasten: A annehmen · R ablehnen · J / K nächstes / vorheriges · Strg+Z rückgängig · Umschalt- oder Strg-Klick wählt mehrere</translation>
    </message>
    <message>
        <source>Undid the decision on #%1</source>
        <translation>Entscheidung für #%1 zurückgenommen</translation>
    </message>
    <message numerus="yes">
        <source>Undid the decision on %n samples</source>
        <translation>
            <numerusform>Entscheidung für %n Beispiel zurückgenommen</numerusform>
            <numerusform>Entscheidung für %n Beispiele zurückgenommen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smolify::ui::ImportBar</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Show Problems</source>
        <translation>Probleme anzeigen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancelling the import of %1…</source>
        <translation>Import von %1 wird abgebrochen…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>Importing %1… %2 read, %3 new</source>
        <translation>%1 wird importiert… %2 gelesen, %3 neu</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>%1 konnte nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Import of %1 cancelled: %2 new samples kept.</source>
        <translation>Import von %1 abgebrochen: %2 neue Beispiele behalten.</translation>
    </message>
    <message>
        <source>Imported %1: %2 new samples.</source>
        <translation>%1 importiert: %2 neue Beispiele.</translation>
    </message>
    <message numerus="yes">
        <source>%n already in the project.</source>
        <translation>
            <numerusform>%n war schon im Projekt.</numerusform>
            <numerusform>%n waren schon im Projekt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n malformed, skipped.</source>
        <translation>
            <numerusform>%n fehlerhaft, übersprungen.</numerusform>
            <numerusform>%n fehlerhaft, übersprungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more not listed.</source>
        <translation>
            <numerusform>… und %n weiteres, nicht aufgeführt.</numerusform>
            <numerusform>… und %n weitere, nicht aufgeführt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smolify::ui::ImportDialog</name>
    <message>
        <source>Import Samples</source>
        <translation>Beispiele importieren</translation>
    </message>
    <message>
        <source>Bring samples you already have. JSON Lines with &quot;input&quot; and &quot;output&quot; fields (or OpenAI-style &quot;messages&quot;), or CSV with input and output columns. Lines that cannot be read are listed afterwards; samples already in the project are skipped.</source>
        <translation>Bringen Sie vorhandene Beispiele mit: JSON Lines mit den Feldern „input“ und „output“ (oder „messages“ im OpenAI-Stil) oder CSV mit Spalten für Eingabe und Ausgabe. Unlesbare Zeilen werden danach aufgelistet; Beispiele, die schon im Projekt sind, werden übersprungen.</translation>
    </message>
    <message>
        <source>Choose a .jsonl or .csv file</source>
        <translation>Eine .jsonl- oder .csv-Datei wählen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Pending — review them here</source>
        <translation>Offen — hier prüfen</translation>
    </message>
    <message>
        <source>Approved — I trust this file</source>
        <translation>Angenommen — ich vertraue dieser Datei</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Arrive as:</source>
        <translation>Ankommen als:</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>Teilmenge:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Samples (*.jsonl *.ndjson *.json *.csv);;All files (*)</source>
        <translation>Beispiele (*.jsonl *.ndjson *.json *.csv);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>smolify::ui::ImportWorker</name>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
</context>
<context>
    <name>smolify::ui::IntentPage</name>
    <message>
        <source>not set</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <source>Intent</source>
        <translation>Absicht</translation>
    </message>
    <message>
        <source>What this model is for</source>
        <translation>Wofür dieses Modell da ist</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Lehrermodell</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>Endpunkt:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>API key from:</source>
        <translation>API-Schlüssel aus:</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Task spec:</source>
        <translation>Aufgabenspezifikation:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Drafting a task spec from this intent with the teacher (task kind, instruction, output contract, diversity axes and seed examples) arrives in a later version. Until then, bring samples on the Data page.</source>
        <translation>Das Entwerfen einer Aufgabenspezifikation aus dieser Absicht mit dem Lehrermodell (Aufgabenart, Anweisung, Ausgabevertrag, Vielfaltsachsen und Startbeispiele) folgt in einer späteren Version. Bis dahin bringen Sie Beispiele auf der Seite „Daten“ mit.</translation>
    </message>
    <message>
        <source>Could not read the project: %1</source>
        <translation>Das Projekt konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>no key (a local teacher needs none)</source>
        <translation>kein Schlüssel (ein lokales Lehrermodell braucht keinen)</translation>
    </message>
    <message>
        <source>environment variable %1</source>
        <translation>Umgebungsvariable %1</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>noch keine</translation>
    </message>
    <message>
        <source>%1 by Smolify %2</source>
        <translation>%1 mit Smolify %2</translation>
    </message>
</context>
<context>
    <name>smolify::ui::MainWindow</name>
    <message>
        <source>Intent</source>
        <translation>Absicht</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Bewerten</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>Spielwiese</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>This step is not in this version of Smolify yet.</source>
        <translation>Dieser Schritt ist in dieser Version von Smolify noch nicht enthalten.</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>A small Llama-style student learns from your approved samples on this computer&apos;s CPU, in the background, with live charts of training and validation loss, learning rate, tokens per second and time left. Pause, resume or stop at any time; a stopped run resumes from its last checkpoint.</source>
        <translation>Ein kleines Schülermodell im Llama-Stil lernt im Hintergrund auf der CPU dieses Computers aus Ihren angenommenen Beispielen, mit Live-Diagrammen für Trainings- und Validierungsverlust, Lernrate, Token pro Sekunde und verbleibende Zeit. Jederzeit pausieren, fortsetzen oder anhalten; ein angehaltener Lauf setzt beim letzten Checkpoint wieder ein.</translation>
    </message>
    <message>
        <source>Arrives with the student engine. %1</source>
        <translation>Kommt mit der Schüler-Engine. %1</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>The student answers your held-out test samples next to the teacher: does it keep the output contract, how close are its answers (per-field F1, accuracy, ROUGE-L), how fast and how cheap is it. The worst cases are one click away from becoming corrected training samples.</source>
        <translation>Das Schülermodell beantwortet Ihre zurückgehaltenen Testbeispiele neben dem Lehrermodell: Hält es den Ausgabevertrag ein, wie nah sind seine Antworten (F1 je Feld, Genauigkeit, ROUGE-L), wie schnell und wie günstig ist es. Die schlechtesten Fälle werden mit einem Klick zu korrigierten Trainingsbeispielen.</translation>
    </message>
    <message>
        <source>Arrives after training. %1</source>
        <translation>Kommt nach dem Training. %1</translation>
    </message>
    <message>
        <source>One click writes the trained model as a GGUF file (F32, F16, Q8_0 or Q4_0) that llama.cpp, Ollama and LM Studio load as it is, with an Ollama Modelfile and a model card that records where it came from.</source>
        <translation>Ein Klick schreibt das trainierte Modell als GGUF-Datei (F32, F16, Q8_0 oder Q4_0), die llama.cpp, Ollama und LM Studio direkt laden, mit einem Ollama-Modelfile und einer Modellkarte, die seine Herkunft festhält.</translation>
    </message>
    <message>
        <source>Arrives after training. Your reviewed data can already be exported with smolify-cli export-data.</source>
        <translation>Kommt nach dem Training. Ihre geprüften Daten lassen sich schon jetzt mit smolify-cli export-data exportieren.</translation>
    </message>
    <message>
        <source>Chat with the exported model on this computer and serve it over an OpenAI-compatible HTTP endpoint for your own tools.</source>
        <translation>Mit dem exportierten Modell auf diesem Computer chatten und es über einen OpenAI-kompatiblen HTTP-Endpunkt für eigene Werkzeuge bereitstellen.</translation>
    </message>
    <message>
        <source>Arrives with export. %1</source>
        <translation>Kommt mit dem Export. %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>&amp;Neues Projekt…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Open &amp;Example…</source>
        <translation>&amp;Beispiel öffnen…</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>Projekt &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;Import Samples…</source>
        <translation>Beispiele &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Smolify</source>
        <translation>Ü&amp;ber Smolify</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Cannot Open Project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Smolify could not open %1.

%2</source>
        <translation>Smolify konnte %1 nicht öffnen.

%2</translation>
    </message>
    <message>
        <source>Cannot Create Project</source>
        <translation>Projekt kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>Smolify could not create %1.

%2</source>
        <translation>Smolify konnte %1 nicht erstellen.

%2</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Smolify projects (*.smolify);;All files (*)</source>
        <translation>Smolify-Projekte (*.smolify);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Project Not Found</source>
        <translation>Projekt nicht gefunden</translation>
    </message>
    <message>
        <source>%1 no longer exists, so it was removed from the recent projects.</source>
        <translation>%1 existiert nicht mehr und wurde daher aus den zuletzt geöffneten Projekten entfernt.</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>%1 — Smolify</source>
        <translation>%1 — Smolify</translation>
    </message>
    <message>
        <source>%1 samples  ·  %2</source>
        <translation>%1 Beispiele  ·  %2</translation>
    </message>
    <message>
        <source>About Smolify</source>
        <translation>Über Smolify</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Smolify %1&lt;/h3&gt;&lt;p&gt;Turn a typed intent into a small language model you own: review the data, train on this computer, take one file with you.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Smolify %1&lt;/h3&gt;&lt;p&gt;Aus einer beschriebenen Aufgabe ein eigenes kleines Sprachmodell machen: Daten prüfen, auf diesem Computer trainieren, eine Datei mitnehmen.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>smolify::ui::NewProjectDialog</name>
    <message>
        <source>New Project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>What should the model do? Describe it in plain words, as you would to a colleague.</source>
        <translation>Was soll das Modell tun? Beschreiben Sie es in einfachen Worten, wie Sie es einer Kollegin erklären würden.</translation>
    </message>
    <message>
        <source>e.g. Turn a clinician&apos;s dictation into a SOAP note with Subjective, Objective, Assessment and Plan sections.</source>
        <translation>z. B. Aus dem Diktat einer Ärztin eine SOAP-Notiz mit den Abschnitten Subjektiv, Objektiv, Beurteilung und Plan machen.</translation>
    </message>
    <message>
        <source>Where to save the project</source>
        <translation>Wo das Projekt gespeichert wird</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Defaults to the file name</source>
        <translation>Standard: der Dateiname</translation>
    </message>
    <message>
        <source>Teacher (optional, can be set later)</source>
        <translation>Lehrermodell (optional, später einstellbar)</translation>
    </message>
    <message>
        <source>e.g. llama3.1:70b</source>
        <translation>z. B. llama3.1:70b</translation>
    </message>
    <message>
        <source>e.g. OPENAI_API_KEY — the variable&apos;s name, never the key</source>
        <translation>z. B. OPENAI_API_KEY — der Name der Variable, nie der Schlüssel</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>Endpunkt:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>API key variable:</source>
        <translation>Variable für API-Schlüssel:</translation>
    </message>
    <message>
        <source>Project file:</source>
        <translation>Projektdatei:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>unbenannt</translation>
    </message>
    <message>
        <source>Smolify projects (*.smolify)</source>
        <translation>Smolify-Projekte (*.smolify)</translation>
    </message>
    <message>
        <source>Describe what the model should do.</source>
        <translation>Beschreiben Sie, was das Modell tun soll.</translation>
    </message>
    <message>
        <source>Choose where to save the project.</source>
        <translation>Wählen Sie, wo das Projekt gespeichert wird.</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name.</source>
        <translation>%1 existiert bereits; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
</context>
<context>
    <name>smolify::ui::OpenExampleDialog</name>
    <message>
        <source>sectioned text</source>
        <translation>Text mit Abschnitten</translation>
    </message>
    <message>
        <source>JSON extraction</source>
        <translation>JSON-Extraktion</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>Klassifikation</translation>
    </message>
    <message>
        <source>free text</source>
        <translation>freier Text</translation>
    </message>
    <message>
        <source>Saving the task spec</source>
        <translation>Die Aufgabenbeschreibung wird gespeichert</translation>
    </message>
    <message>
        <source>Replaying the recorded teacher session</source>
        <translation>Die aufgezeichnete Lehrer-Sitzung wird abgespielt</translation>
    </message>
    <message>
        <source>Applying the recorded review</source>
        <translation>Die aufgezeichnete Prüfung wird angewendet</translation>
    </message>
    <message>
        <source>Running the example&apos;s prepare command</source>
        <translation>Der Vorbereitungsbefehl des Beispiels läuft</translation>
    </message>
    <message>
        <source>Importing the pairs as approved samples</source>
        <translation>Die Paare werden als freigegebene Beispiele importiert</translation>
    </message>
    <message>
        <source>Importing the held-out test pairs</source>
        <translation>Die zurückgehaltenen Testpaare werden importiert</translation>
    </message>
    <message>
        <source>Training the student</source>
        <translation>Der Schüler wird trainiert</translation>
    </message>
    <message>
        <source>Open Example</source>
        <translation>Beispiel öffnen</translation>
    </message>
    <message>
        <source>Each example is a real task with its data, ready to explore without a teacher, key or network. Choose one and how far to take it; Smolify makes a new project from it.</source>
        <translation>Jedes Beispiel ist eine echte Aufgabe mit ihren Daten, bereit zum Erkunden ohne Lehrer, Schlüssel oder Netzwerk. Wählen Sie eines und wie weit es gehen soll; Smolify macht daraus ein neues Projekt.</translation>
    </message>
    <message>
        <source>Fresh: the task spec only</source>
        <translation>Neu: nur die Aufgabenbeschreibung</translation>
    </message>
    <message>
        <source>Generated: the samples made, not yet reviewed</source>
        <translation>Erzeugt: die Beispiele gemacht, noch nicht geprüft</translation>
    </message>
    <message>
        <source>Reviewed: the review done and the test pairs in</source>
        <translation>Geprüft: die Prüfung erledigt und die Testpaare importiert</translation>
    </message>
    <message>
        <source>Trained: reviewed, then a %1-minute training run</source>
        <translation>Trainiert: geprüft, dann ein Training von %1 Minuten</translation>
    </message>
    <message>
        <source>Where to save the new project</source>
        <translation>Wo das neue Projekt gespeichert wird</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Open at:</source>
        <translation>Öffnen bei:</translation>
    </message>
    <message>
        <source>Project file:</source>
        <translation>Projektdatei:</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>No examples were found. Smolify looks in:
%1

Set SMOLIFY_EXAMPLES_DIR to a folder of examples to use another.</source>
        <translation>Es wurden keine Beispiele gefunden. Smolify sucht in:
%1

Setzen Sie SMOLIFY_EXAMPLES_DIR auf einen Ordner mit Beispielen, um einen anderen zu verwenden.</translation>
    </message>
    <message>
        <source>Imports data already on this computer with the example&apos;s own program (see its README); the pairs are approved as imported, so there is nothing to review.</source>
        <translation>Importiert Daten, die schon auf diesem Computer liegen, mit dem eigenen Programm des Beispiels (siehe seine README); die Paare werden beim Import freigegeben, es gibt also nichts zu prüfen.</translation>
    </message>
    <message>
        <source>A recorded teacher session and a recorded review, replayed without a teacher.</source>
        <translation>Eine aufgezeichnete Lehrer-Sitzung und eine aufgezeichnete Prüfung, abgespielt ohne Lehrer.</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Opens on the Intent page with the example&apos;s task spec and no samples.</source>
        <translation>Öffnet die Seite Absicht mit der Aufgabenbeschreibung des Beispiels und ohne Beispiele.</translation>
    </message>
    <message>
        <source>Runs the prepare command and imports its training pairs as approved samples; opens on the Data page.</source>
        <translation>Führt den Vorbereitungsbefehl aus und importiert seine Trainingspaare als freigegebene Beispiele; öffnet die Seite Daten.</translation>
    </message>
    <message>
        <source>Replays the teacher session: the samples wait for review on the Data page.</source>
        <translation>Spielt die Lehrer-Sitzung ab: die Beispiele warten auf der Seite Daten auf die Prüfung.</translation>
    </message>
    <message>
        <source>Imports the training pairs and the held-out test pairs; opens on the Data page.</source>
        <translation>Importiert die Trainingspaare und die zurückgehaltenen Testpaare; öffnet die Seite Daten.</translation>
    </message>
    <message>
        <source>Applies the recorded review (approvals, edits, rejections with reasons) and imports the held-out test pairs; opens on the Data page.</source>
        <translation>Wendet die aufgezeichnete Prüfung an (Freigaben, Korrekturen, Ablehnungen mit Gründen) und importiert die zurückgehaltenen Testpaare; öffnet die Seite Daten.</translation>
    </message>
    <message>
        <source>As reviewed, then trains the student for about %1 minutes on this computer; opens on the Train page.</source>
        <translation>Wie geprüft, dann wird der Schüler etwa %1 Minuten auf diesem Computer trainiert; öffnet die Seite Training.</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Smolify projects (*.smolify)</source>
        <translation>Smolify-Projekte (*.smolify)</translation>
    </message>
    <message>
        <source>Choose an example.</source>
        <translation>Wählen Sie ein Beispiel.</translation>
    </message>
    <message>
        <source>Choose where to save the project.</source>
        <translation>Wählen Sie, wo das Projekt gespeichert wird.</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name.</source>
        <translation>%1 existiert bereits; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Reading the example…</source>
        <translation>Das Beispiel wird gelesen…</translation>
    </message>
    <message>
        <source>Cancelled; no project was kept.</source>
        <translation>Abgebrochen; es wurde kein Projekt behalten.</translation>
    </message>
    <message>
        <source>The example could not be opened:
%1</source>
        <translation>Das Beispiel konnte nicht geöffnet werden:
%1</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
</context>
<context>
    <name>smolify::ui::RejectReasonDialog</name>
    <message>
        <source>Reject Sample</source>
        <translation>Beispiel ablehnen</translation>
    </message>
    <message numerus="yes">
        <source>Reject %n Samples</source>
        <translation>
            <numerusform>%n Beispiel ablehnen</numerusform>
            <numerusform>%n Beispiele ablehnen</numerusform>
        </translation>
    </message>
    <message>
        <source>Why is this sample wrong? The reason is kept with the sample and steers later generation away from the same mistake.</source>
        <translation>Was ist an diesem Beispiel falsch? Der Grund wird beim Beispiel gespeichert und lenkt spätere Generierung von demselben Fehler weg.</translation>
    </message>
    <message numerus="yes">
        <source>Why are these %n samples wrong? The reason is kept with each sample and steers later generation away from the same mistake.</source>
        <translation>
            <numerusform>Was ist an diesem Beispiel falsch? Der Grund wird beim Beispiel gespeichert und lenkt spätere Generierung von demselben Fehler weg.</numerusform>
            <numerusform>Was ist an diesen %n Beispielen falsch? Der Grund wird bei jedem Beispiel gespeichert und lenkt spätere Generierung von demselben Fehler weg.</numerusform>
        </translation>
    </message>
    <message>
        <source>e.g. output misses the Plan section</source>
        <translation>z. B. der Ausgabe fehlt der Abschnitt „Plan“</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
</context>
<context>
    <name>smolify::ui::SampleDetailPane</name>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Sample #%1</source>
        <translation>Beispiel #%1</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Provenance: %1</source>
        <translation>Herkunft: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n samples selected.

A approves them all, R rejects them all with one reason, Ctrl+Z takes the decision back.</source>
        <translation>
            <numerusform>%n Beispiel ausgewählt.

A nimmt es an, R lehnt es mit Begründung ab, Strg+Z nimmt die Entscheidung zurück.</numerusform>
            <numerusform>%n Beispiele ausgewählt.

A nimmt alle an, R lehnt alle mit einer Begründung ab, Strg+Z nimmt die Entscheidung zurück.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a sample to read it in full.</source>
        <translation>Wählen Sie ein Beispiel, um es vollständig zu lesen.</translation>
    </message>
    <message>
        <source>Split: %1</source>
        <translation>Teilmenge: %1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Topic: %1</source>
        <translation>Thema: %1</translation>
    </message>
    <message>
        <source>Reviewed: %1</source>
        <translation>Geprüft: %1</translation>
    </message>
    <message>
        <source>Not edited</source>
        <translation>Nicht bearbeitet</translation>
    </message>
    <message>
        <source>Edited, the original is kept</source>
        <translation>Bearbeitet, das Original ist aufbewahrt</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier versions kept</source>
        <translation>
            <numerusform>%n frühere Fassung aufbewahrt</numerusform>
            <numerusform>%n frühere Fassungen aufbewahrt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smolify::ui::SampleTableModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Teilmenge</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Sample number</source>
        <translation>Nummer des Beispiels</translation>
    </message>
    <message>
        <source>(no longer in the project)</source>
        <translation>(nicht mehr im Projekt)</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>smolify::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Oberfläche</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Takes effect the next time Smolify starts.</source>
        <translation>Wirkt beim nächsten Start von Smolify.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Forget Reasons</source>
        <translation>Gründe vergessen</translation>
    </message>
    <message>
        <source>Recent projects:</source>
        <translation>Zuletzt geöffnete Projekte:</translation>
    </message>
    <message>
        <source>Reject reasons:</source>
        <translation>Ablehnungsgründe:</translation>
    </message>
    <message>
        <source>Teacher connections, training presets and appearance get their settings when those features arrive. Settings that belong to a project (its intent and teacher) live in the project file, not here.</source>
        <translation>Lehrermodell-Verbindungen, Trainingsvorgaben und Erscheinungsbild bekommen ihre Einstellungen, wenn diese Funktionen kommen. Einstellungen, die zu einem Projekt gehören (Absicht und Lehrermodell), stehen in der Projektdatei, nicht hier.</translation>
    </message>
    <message numerus="yes">
        <source>%n remembered for the Reject dialog</source>
        <translation>
            <numerusform>%n für den Ablehnen-Dialog gemerkt</numerusform>
            <numerusform>%n für den Ablehnen-Dialog gemerkt</numerusform>
        </translation>
    </message>
    <message>
        <source>One project in File › Open Recent</source>
        <translation>Ein Projekt unter Datei › Zuletzt geöffnet</translation>
    </message>
    <message numerus="yes">
        <source>%n projects in File › Open Recent</source>
        <translation>
            <numerusform>%n Projekt unter Datei › Zuletzt geöffnet</numerusform>
            <numerusform>%n Projekte unter Datei › Zuletzt geöffnet</numerusform>
        </translation>
    </message>
    <message>
        <source>One remembered for the Reject dialog</source>
        <translation>Einer für den Ablehnen-Dialog gemerkt</translation>
    </message>
</context>
<context>
    <name>smolify::ui::TrainPage</name>
    <message>
        <source>Starting</source>
        <translation>Wird gestartet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Voreinstellung</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation>Bester Val.-Verlust</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Tiny — minutes, for trying things out</source>
        <translation>Winzig — Minuten, zum Ausprobieren</translation>
    </message>
    <message>
        <source>Small — a good first model</source>
        <translation>Klein — ein gutes erstes Modell</translation>
    </message>
    <message>
        <source>Base — best quality, takes hours</source>
        <translation>Basis — beste Qualität, dauert Stunden</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Stop after this many minutes and keep the model as it is then.</source>
        <translation>Nach so vielen Minuten anhalten und das Modell so behalten, wie es dann ist.</translation>
    </message>
    <message>
        <source>Without a step limit the run ends after %1 epochs, or earlier when the validation loss stops improving.</source>
        <translation>Ohne Schrittgrenze endet der Lauf nach %1 Epochen oder früher, wenn der Validierungsverlust nicht mehr sinkt.</translation>
    </message>
    <message>
        <source>The same seed, samples and settings train the same model again.</source>
        <translation>Derselbe Seed, dieselben Beispiele und Einstellungen trainieren wieder dasselbe Modell.</translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation>Training starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stops after the current step; the run can be resumed later.</source>
        <translation>Hält nach dem aktuellen Schritt an; der Lauf kann später fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continues the selected run from its last checkpoint.</source>
        <translation>Setzt den ausgewählten Lauf beim letzten Checkpoint fort.</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>&amp;Voreinstellung:</translation>
    </message>
    <message>
        <source>Max &amp;time:</source>
        <translation>Max. &amp;Zeit:</translation>
    </message>
    <message>
        <source>Max st&amp;eps:</source>
        <translation>Max. Sc&amp;hritte:</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;eed:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Val loss</source>
        <translation>Val.-Verlust</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Token/s</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Vergangen</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>Loss (log scale)</source>
        <translation>Verlust (log. Skala)</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>&amp;Logarithmische Skala</translation>
    </message>
    <message>
        <source>Show loss on a logarithmic axis, so late small improvements stay visible.</source>
        <translation>Den Verlust auf einer logarithmischen Achse zeigen, damit späte kleine Verbesserungen sichtbar bleiben.</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Verwaist</translation>
    </message>
    <message>
        <source>%1 · %2M weights</source>
        <translation>%1 · %2 Mio. Gewichte</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>No training runs yet. Start one here or with smolify-cli train; it is charted here as it learns.</source>
        <translation>Noch keine Trainingsläufe. Starten Sie einen hier oder mit smolify-cli train; er wird hier gezeichnet, während er lernt.</translation>
    </message>
    <message>
        <source>Run #%1 has not recorded a step yet.</source>
        <translation>Lauf #%1 hat noch keinen Schritt aufgezeichnet.</translation>
    </message>
    <message>
        <source>Run #%1</source>
        <translation>Lauf #%1</translation>
    </message>
    <message>
        <source>Run #%1 stopped reporting; the program that ran it has probably ended. Resume continues it from its last checkpoint.</source>
        <translation>Lauf #%1 meldet sich nicht mehr; das Programm, das ihn ausführte, wurde wahrscheinlich beendet. „Fortsetzen“ setzt ihn beim letzten Checkpoint fort.</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>Hält nach dem aktuellen Schritt an …</translation>
    </message>
    <message>
        <source>Paused at step %1. Resume continues it from its last checkpoint.</source>
        <translation>Bei Schritt %1 pausiert. „Fortsetzen“ setzt ihn beim letzten Checkpoint fort.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot read the training runs: %1</source>
        <translation>Die Trainingsläufe können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Open a project to train a model.</source>
        <translation>Öffnen Sie ein Projekt, um ein Modell zu trainieren.</translation>
    </message>
    <message>
        <source>Nothing to train on yet: none of the %1 training samples is approved. Review them on the Data page; the student learns only from approved samples.</source>
        <translation>Noch nichts zum Trainieren: Keines der %1 Trainingsbeispiele ist angenommen. Prüfen Sie sie auf der Seite „Daten“; das Schülermodell lernt nur aus angenommenen Beispielen.</translation>
    </message>
    <message>
        <source>Nothing to train on yet: the project has no approved training samples. Import or generate samples and approve them on the Data page.</source>
        <translation>Noch nichts zum Trainieren: Das Projekt hat keine angenommenen Trainingsbeispiele. Importieren oder erzeugen Sie Beispiele und nehmen Sie sie auf der Seite „Daten“ an.</translation>
    </message>
    <message>
        <source>Not enough to train on yet: %1 approved training samples, and the student needs at least %2. Approve more on the Data page.</source>
        <translation>Noch zu wenig zum Trainieren: %1 angenommene Trainingsbeispiele, das Schülermodell braucht mindestens %2. Nehmen Sie auf der Seite „Daten“ weitere an.</translation>
    </message>
    <message>
        <source>Resuming run #%1…</source>
        <translation>Lauf #%1 wird fortgesetzt …</translation>
    </message>
    <message>
        <source>Preparing the training data…</source>
        <translation>Die Trainingsdaten werden vorbereitet …</translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>Das Training ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Das Training ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Run #%1 used its time budget at step %2; Resume continues it.</source>
        <translation>Lauf #%1 hat bei Schritt %2 sein Zeitbudget aufgebraucht; „Fortsetzen“ setzt ihn fort.</translation>
    </message>
    <message>
        <source>Stopped run #%1 at step %2; Resume continues it.</source>
        <translation>Lauf #%1 bei Schritt %2 angehalten; „Fortsetzen“ setzt ihn fort.</translation>
    </message>
    <message>
        <source>Run #%1 finished after %2 steps: the validation loss had stopped improving.</source>
        <translation>Lauf #%1 nach %2 Schritten beendet: Der Validierungsverlust sank nicht mehr.</translation>
    </message>
    <message>
        <source>Run #%1 finished after %2 steps.</source>
        <translation>Lauf #%1 nach %2 Schritten beendet.</translation>
    </message>
</context>
<context>
    <name>smolify::ui::WelcomePage</name>
    <message>
        <source>Turn what you need into a small language model you own: review the data, train on this computer, take one file with you.</source>
        <translation>Machen Sie aus Ihrem Bedarf ein eigenes kleines Sprachmodell: Daten prüfen, auf diesem Computer trainieren, eine Datei mitnehmen.</translation>
    </message>
    <message>
        <source>New Project…</source>
        <translation>Neues Projekt…</translation>
    </message>
    <message>
        <source>Open Project…</source>
        <translation>Projekt öffnen…</translation>
    </message>
    <message>
        <source>Open Example…</source>
        <translation>Beispiel öffnen…</translation>
    </message>
    <message>
        <source>Explore Smolify with a bundled example and its real data</source>
        <translation>Smolify mit einem mitgelieferten Beispiel und seinen echten Daten erkunden</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt geöffnete Projekte</translation>
    </message>
</context>
</TS>
