<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Keyring</name>
    <message>
        <source>the OS keyring holds no key for this teacher</source>
        <translation>der Schlüsselbund des Systems enthält keinen Schlüssel für dieses Lehrermodell</translation>
    </message>
    <message>
        <source>the OS keyring refused access (%1)</source>
        <translation>der Schlüsselbund des Systems hat den Zugriff verweigert (%1)</translation>
    </message>
    <message>
        <source>no OS keyring is available on this system (%1); name an environment variable that holds the key instead</source>
        <translation>auf diesem System ist kein Schlüsselbund verfügbar (%1); geben Sie stattdessen eine Umgebungsvariable an, die den Schlüssel enthält</translation>
    </message>
    <message>
        <source>the OS keyring failed: %1</source>
        <translation>Fehler im Schlüsselbund des Systems: %1</translation>
    </message>
</context>
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
    <name>ReviewUndoStack</name>
    <message>
        <source>revision %1 of sample #%2 is no longer in the project</source>
        <translation>Revision %1 von Beispiel #%2 ist nicht mehr im Projekt</translation>
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
        <source>PAGE</source>
        <translation>SEITE</translation>
    </message>
    <message>
        <source>Open PROJECT on PAGE: intent, data, train, evaluate, export, playground or settings (for --screenshot too).</source>
        <translation>PROJEKT auf SEITE öffnen: intent, data, train, evaluate, export, playground oder settings (auch für --screenshot).</translation>
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
    <message>
        <source>Keys: A approve · R reject · E edit · J / K next / previous · Ctrl+Z undo · Shift or Ctrl + click to select several</source>
        <translation>Tasten: A annehmen · R ablehnen · E bearbeiten · J / K nächstes / vorheriges · Strg+Z rückgängig · Umschalt- oder Strg-Klick wählt mehrere</translation>
    </message>
    <message>
        <source>Edit Sample</source>
        <translation>Beispiel bearbeiten</translation>
    </message>
    <message>
        <source>Edit the input and output; every version is kept</source>
        <translation>Eingabe und Ausgabe bearbeiten; jede Version bleibt erhalten</translation>
    </message>
    <message>
        <source>Take back the last decision or edit</source>
        <translation>Die letzte Entscheidung oder Bearbeitung zurücknehmen</translation>
    </message>
    <message>
        <source>Undid the edit of #%1; its earlier text is back</source>
        <translation>Bearbeitung von #%1 rückgängig gemacht; der vorherige Text ist wiederhergestellt</translation>
    </message>
    <message>
        <source>Saved the edit of #%1; Ctrl+Z takes it back</source>
        <translation>Bearbeitung von #%1 gespeichert; Strg+Z nimmt sie zurück</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;No samples yet&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Import a JSON Lines or CSV file with &lt;i&gt;Import…&lt;/i&gt; above. Or have a teacher model write them: on the Intent page, set a teacher and press &lt;i&gt;Generate&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;Noch keine Beispiele&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Importieren Sie oben mit &lt;i&gt;Importieren…&lt;/i&gt; eine JSON-Lines- oder CSV-Datei. Oder lassen Sie ein Lehrermodell sie schreiben: Legen Sie auf der Seite Absicht ein Lehrermodell fest und klicken Sie auf &lt;i&gt;Erzeugen&lt;/i&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Generate More Like These</source>
        <translation>Mehr davon erzeugen</translation>
    </message>
    <message>
        <source>Ask the teacher for more samples like the selected approved ones</source>
        <translation>Das Lehrermodell um weitere Beispiele wie die ausgewählten angenommenen bitten</translation>
    </message>
    <message>
        <source>Select approved samples first: the teacher writes more like the approved ones.</source>
        <translation>Wählen Sie zuerst angenommene Beispiele aus: Das Lehrermodell schreibt weitere wie die angenommenen.</translation>
    </message>
    <message numerus="yes">
        <source>Generating more like %n approved samples…</source>
        <translation>
            <numerusform>Weitere wie %n angenommenes Beispiel werden erzeugt…</numerusform>
            <numerusform>Weitere wie %n angenommene Beispiele werden erzeugt…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smolify::ui::EvalPage</name>
    <message>
        <source>Student %1, constrained decoding</source>
        <translation>Schülermodell %1, eingeschränkte Dekodierung</translation>
    </message>
    <message>
        <source>Student %1, unconstrained</source>
        <translation>Schülermodell %1, uneingeschränkt</translation>
    </message>
    <message>
        <source>Student %1</source>
        <translation>Schülermodell %1</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Lehrermodell</translation>
    </message>
    <message>
        <source>Baseline: %1</source>
        <translation>Baseline: %1</translation>
    </message>
    <message>
        <source>student (headline)</source>
        <translation>Schülermodell (Hauptergebnis)</translation>
    </message>
    <message>
        <source>student</source>
        <translation>Schülermodell</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>Lehrermodell</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>%1 with constrained decoding</source>
        <translation>%1 mit eingeschränkter Dekodierung</translation>
    </message>
    <message>
        <source>score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>The student (%1, %2 %3) beats the best baseline, %4 (%5), by %6.</source>
        <translation>Das Schülermodell (%1, %2 %3) schlägt die beste Baseline, %4 (%5), um %6.</translation>
    </message>
    <message>
        <source>The student (%1, %2 %3) does not beat the best baseline, %4 (%5): %6 behind.</source>
        <translation>Das Schülermodell (%1, %2 %3) schlägt die beste Baseline, %4 (%5), nicht: %6 Rückstand.</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>The trained student answers the held-out test samples next to the teacher, at each weight type, with the baselines it has to beat. The worst answers are listed first: correct one and make it a training sample.</source>
        <translation>Das trainierte Schülermodell beantwortet die zurückgehaltenen Testbeispiele neben dem Lehrermodell, in jedem Gewichtstyp, zusammen mit den Baselines, die es schlagen muss. Die schlechtesten Antworten stehen oben: Korrigieren Sie eine und machen Sie sie zu einem Trainingsbeispiel.</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Bewerten</translation>
    </message>
    <message>
        <source>Evaluate the newest trained model on the test split (F32, Q8_0 and Q4_0, and F32 with constrained decoding).</source>
        <translation>Das neueste trainierte Modell auf der Test-Teilmenge bewerten (F32, Q8_0 und Q4_0 sowie F32 mit eingeschränkter Dekodierung).</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Save Report…</source>
        <translation>Bericht speichern…</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Contract share</source>
        <translation>Vertrag eingehalten</translation>
    </message>
    <message>
        <source>Exact match</source>
        <translation>Exakte Treffer</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>Facts recalled</source>
        <translation>Wiedergegebene Fakten</translation>
    </message>
    <message>
        <source>Invented facts</source>
        <translation>Erfundene Fakten</translation>
    </message>
    <message>
        <source>The share of the references&apos; rare words and numbers (names, doses, sums, dates) that the answers state.</source>
        <translation>Der Anteil der seltenen Wörter und Zahlen der Referenzen (Namen, Dosen, Beträge, Daten), den die Antworten nennen.</translation>
    </message>
    <message>
        <source>The share of the rare words and numbers in the answers that are in neither the input nor the reference: facts the system made up.</source>
        <translation>Der Anteil der seltenen Wörter und Zahlen in den Antworten, die weder in der Eingabe noch in der Referenz stehen: Fakten, die das System erfunden hat.</translation>
    </message>
    <message>
        <source>The output the student should have written</source>
        <translation>Die Ausgabe, die das Schülermodell hätte schreiben sollen</translation>
    </message>
    <message>
        <source>Make Training Sample</source>
        <translation>Zum Trainingsbeispiel machen</translation>
    </message>
    <message>
        <source>The test sample leaves the test split and becomes an approved training sample with the corrected output (the teacher&apos;s text is kept in its history).</source>
        <translation>Das Testbeispiel verlässt die Test-Teilmenge und wird ein angenommenes Trainingsbeispiel mit der korrigierten Ausgabe (der Text des Lehrermodells bleibt in seinem Verlauf erhalten).</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Teacher output</source>
        <translation>Ausgabe des Lehrermodells</translation>
    </message>
    <message>
        <source>Student output</source>
        <translation>Ausgabe des Schülermodells</translation>
    </message>
    <message>
        <source>Corrected output</source>
        <translation>Korrigierte Ausgabe</translation>
    </message>
    <message>
        <source>No evaluation yet. Train a model on the Train page, then press Evaluate: the student answers the held-out test samples.</source>
        <translation>Noch keine Bewertung. Trainieren Sie auf der Seite „Training“ ein Modell und klicken Sie dann auf „Bewerten“: Das Schülermodell beantwortet die zurückgehaltenen Testbeispiele.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 (%2: %3)</source>
        <translation>%1 (%2: %3)</translation>
    </message>
    <message>
        <source>training run %1</source>
        <translation>Trainingslauf %1</translation>
    </message>
    <message>
        <source>Evaluation %1 of %2, %3.
Task kind: %4
%5 of %6 test samples evaluated%7.</source>
        <translation>Bewertung %1 von %2, %3.
Aufgabenart: %4
%5 von %6 Testbeispielen bewertet%7.</translation>
    </message>
    <message>
        <source> (%1 left out: the model trained on them)</source>
        <translation> (%1 ausgelassen: Das Modell wurde mit ihnen trainiert)</translation>
    </message>
    <message>
        <source>The student scores no better than a simple classical baseline trained on the same samples: more or better training data, or a larger preset, may help.</source>
        <translation>Das Schülermodell schneidet nicht besser ab als eine einfache klassische Baseline, die mit denselben Beispielen trainiert wurde: Mehr oder bessere Trainingsdaten oder eine größere Voreinstellung können helfen.</translation>
    </message>
    <message>
        <source>The student&apos;s %1 against the best of the classical baselines trained on the same samples.</source>
        <translation>Der Wert %1 des Schülermodells im Vergleich zur besten der klassischen Baselines, die mit denselben Beispielen trainiert wurden.</translation>
    </message>
    <message>
        <source>(breaks the contract: %1)</source>
        <translation>(verletzt den Vertrag: %1)</translation>
    </message>
    <message>
        <source>Already a training sample (#%1).</source>
        <translation>Bereits ein Trainingsbeispiel (#%1).</translation>
    </message>
    <message>
        <source>Starting the evaluation…</source>
        <translation>Die Bewertung wird gestartet…</translation>
    </message>
    <message>
        <source>Stopped. Nothing was stored; press Evaluate to run it again.</source>
        <translation>Angehalten. Es wurde nichts gespeichert; klicken Sie auf „Bewerten“, um sie erneut auszuführen.</translation>
    </message>
    <message>
        <source>Evaluated %1 test samples.</source>
        <translation>%1 Testbeispiele bewertet.</translation>
    </message>
    <message>
        <source>Evaluation: %1</source>
        <translation>Bewertung: %1</translation>
    </message>
    <message>
        <source>Stopping after the current answer…</source>
        <translation>Hält nach der aktuellen Antwort an…</translation>
    </message>
    <message>
        <source>%1: %2 of %3 samples (pass %4 of %5)</source>
        <translation>%1: %2 von %3 Beispielen (Durchgang %4 von %5)</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>Wählen Sie zuerst eine Zeile.</translation>
    </message>
    <message>
        <source>New approved training sample #%1 made from this row.</source>
        <translation>Aus dieser Zeile wurde das neue angenommene Trainingsbeispiel #%1.</translation>
    </message>
    <message>
        <source>Sample #%1 is now an approved training sample%2.</source>
        <translation>Beispiel #%1 ist jetzt ein angenommenes Trainingsbeispiel%2.</translation>
    </message>
    <message>
        <source> with the corrected output</source>
        <translation> mit der korrigierten Ausgabe</translation>
    </message>
    <message>
        <source>There is no evaluation to report yet. Press Evaluate first.</source>
        <translation>Es gibt noch keine Bewertung für einen Bericht. Klicken Sie zuerst auf „Bewerten“.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Report saved to %1.</source>
        <translation>Bericht unter %1 gespeichert.</translation>
    </message>
    <message>
        <source>Save Evaluation Report</source>
        <translation>Bewertungsbericht speichern</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <source>Save Report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>Mean time from the prompt to the whole answer, per test sample.</source>
        <translation>Mittlere Zeit von der Eingabe bis zur ganzen Antwort, pro Testbeispiel.</translation>
    </message>
    <message>
        <source>Generated tokens per second; the tooltip of each figure has the mean time per answer.</source>
        <translation>Erzeugte Tokens pro Sekunde; der Tooltip jeder Zahl nennt die mittlere Zeit pro Antwort.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 ms per answer</source>
        <translation>%1 ms pro Antwort</translation>
    </message>
</context>
<context>
    <name>smolify::ui::EvalResultsModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Promoted to training sample #%1</source>
        <translation>Zum Trainingsbeispiel #%1 gemacht</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Teacher output</source>
        <translation>Ausgabe des Lehrermodells</translation>
    </message>
    <message>
        <source>Student output</source>
        <translation>Ausgabe des Schülermodells</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Contract ok</source>
        <translation>Vertrag eingehalten</translation>
    </message>
</context>
<context>
    <name>smolify::ui::ExportPage</name>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Dateigröße</translation>
    </message>
    <message>
        <source>Held-out loss</source>
        <translation>Verlust (zurückgehalten)</translation>
    </message>
    <message>
        <source>vs F32</source>
        <translation>ggü. F32</translation>
    </message>
    <message>
        <source>Evaluation score</source>
        <translation>Bewertungsscore</translation>
    </message>
    <message>
        <source>Keeps the contract</source>
        <translation>Hält den Vertrag ein</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Messen</translation>
    </message>
    <message>
        <source>Write each type once to a temporary file and score it on the validation slice</source>
        <translation>Jeden Typ einmal in eine temporäre Datei schreiben und auf dem Validierungsausschnitt bewerten</translation>
    </message>
    <message>
        <source>Smaller files run faster on a laptop; the held-out loss says what the rounding costs. Q8_0 is nearly lossless, Q4_0 the smallest.</source>
        <translation>Kleinere Dateien laufen auf einem Laptop schneller; der Verlust auf zurückgehaltenen Daten zeigt, was die Rundung kostet. Q8_0 ist nahezu verlustfrei, Q4_0 am kleinsten.</translation>
    </message>
    <message>
        <source>Weight types</source>
        <translation>Gewichtstypen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>none chosen (the model card says so)</source>
        <translation>keine gewählt (die Modellkarte vermerkt das)</translation>
    </message>
    <message>
        <source>An SPDX licence id such as apache-2.0, mit or cc-by-4.0</source>
        <translation>Eine SPDX-Lizenzkennung wie apache-2.0, mit oder cc-by-4.0</translation>
    </message>
    <message>
        <source>Also write a Hugging Face folder (safetensors, config, tokenizer)</source>
        <translation>Zusätzlich einen Hugging-Face-Ordner schreiben (safetensors, config, tokenizer)</translation>
    </message>
    <message>
        <source>Replace a README.md, Modelfile or folder that Smolify did not write</source>
        <translation>Eine README.md, ein Modelfile oder einen Ordner ersetzen, die nicht von Smolify stammen</translation>
    </message>
    <message>
        <source>The model card (README.md) and an Ollama Modelfile are written beside the file.</source>
        <translation>Die Modellkarte (README.md) und ein Ollama-Modelfile werden neben die Datei geschrieben.</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>Speichern unter:</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>Lizenz:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>Modelldatei</translation>
    </message>
    <message>
        <source>After an export: the commands that run the file.</source>
        <translation>Nach einem Export: die Befehle, die die Datei ausführen.</translation>
    </message>
    <message>
        <source>Copy Commands</source>
        <translation>Befehle kopieren</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Run it</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Earlier exports</source>
        <translation>Frühere Exporte</translation>
    </message>
    <message>
        <source>Open a project to export its model.</source>
        <translation>Öffnen Sie ein Projekt, um sein Modell zu exportieren.</translation>
    </message>
    <message>
        <source>No model yet: train one on the Train page, then export it here.</source>
        <translation>Noch kein Modell: Trainieren Sie eines auf der Seite „Training“ und exportieren Sie es dann hier.</translation>
    </message>
    <message>
        <source>Training run %1 has no checkpoint yet: let it train a little longer, then export it here.</source>
        <translation>Trainingslauf %1 hat noch keinen Checkpoint: Lassen Sie ihn etwas länger trainieren und exportieren Sie ihn dann hier.</translation>
    </message>
    <message>
        <source>Exports the student of training run %1 (%2 steps, %3).</source>
        <translation>Exportiert das Schülermodell aus Trainingslauf %1 (%2 Schritte, %3).</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>benutzerdefiniert</translation>
    </message>
    <message>
        <source>Exports the student of training run %1: %2, %3 parameters, %4 steps, %5.</source>
        <translation>Exportiert das Schülermodell aus Trainingslauf %1: %2, %3 Parameter, %4 Schritte, %5.</translation>
    </message>
    <message>
        <source>Best validation loss %1.</source>
        <translation>Bester Validierungsverlust %1.</translation>
    </message>
    <message>
        <source>The run is still training: the export takes its newest checkpoint.</source>
        <translation>Der Lauf trainiert noch: Der Export verwendet seinen neuesten Checkpoint.</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>present</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <source>missing: moved or deleted</source>
        <translation>fehlt: verschoben oder gelöscht</translation>
    </message>
    <message>
        <source>changed since (another size)</source>
        <translation>seitdem geändert (andere Größe)</translation>
    </message>
    <message>
        <source>Measuring each type on the validation slice…</source>
        <translation>Jeder Typ wird auf dem Validierungsausschnitt gemessen…</translation>
    </message>
    <message>
        <source>Measured on %1 validation samples (%2 answer tokens).</source>
        <translation>Gemessen an %1 Validierungsbeispielen (%2 Antwort-Token).</translation>
    </message>
    <message>
        <source>Measuring stopped.</source>
        <translation>Messung angehalten.</translation>
    </message>
    <message>
        <source>Could not measure the types: %1</source>
        <translation>Die Typen konnten nicht gemessen werden: %1</translation>
    </message>
    <message>
        <source>Choose where to save the model file.</source>
        <translation>Wählen Sie, wo die Modelldatei gespeichert wird.</translation>
    </message>
    <message>
        <source>The model file&apos;s name must end in .gguf.</source>
        <translation>Der Name der Modelldatei muss auf .gguf enden.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben…</translation>
    </message>
    <message>
        <source>Exported.</source>
        <translation>Exportiert.</translation>
    </message>
    <message>
        <source>%1
%2, %3 bytes; SHA-256 %4
Beside it: README.md (the model card) and Modelfile.</source>
        <translation>%1
%2, %3 Byte; SHA-256 %4
Daneben: README.md (die Modellkarte) und Modelfile.</translation>
    </message>
    <message>
        <source>Hugging Face folder: %1</source>
        <translation>Hugging-Face-Ordner: %1</translation>
    </message>
    <message>
        <source># llama.cpp</source>
        <translation># llama.cpp</translation>
    </message>
    <message>
        <source># Ollama</source>
        <translation># Ollama</translation>
    </message>
    <message>
        <source># LM Studio</source>
        <translation># LM Studio</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Export stopped; no file was kept.</source>
        <translation>Export angehalten; es wurde keine Datei behalten.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Commands copied.</source>
        <translation>Befehle kopiert.</translation>
    </message>
    <message>
        <source>Save the model as</source>
        <translation>Modell speichern unter</translation>
    </message>
    <message>
        <source>GGUF model (*.gguf)</source>
        <translation>GGUF-Modell (*.gguf)</translation>
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
    <name>smolify::ui::ImportController</name>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
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
        <translation>Übernehmen als:</translation>
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
    <name>smolify::ui::IntentPage</name>
    <message>
        <source>Intent</source>
        <translation>Absicht</translation>
    </message>
    <message>
        <source>What this model is for</source>
        <translation>Wofür dieses Modell da ist</translation>
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
        <source>Could not read the project: %1</source>
        <translation>Das Projekt konnte nicht gelesen werden: %1</translation>
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
        <translation>Beispiel&amp;projekt öffnen…</translation>
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
        <translation>Die Aufgabenspezifikation wird gespeichert</translation>
    </message>
    <message>
        <source>Replaying the recorded teacher session</source>
        <translation>Die aufgezeichnete Sitzung des Lehrermodells wird abgespielt</translation>
    </message>
    <message>
        <source>Applying the recorded review</source>
        <translation>Die aufgezeichnete Prüfung wird angewendet</translation>
    </message>
    <message>
        <source>Running the example&apos;s prepare command</source>
        <translation>Der Vorbereitungsbefehl des Beispielprojekts läuft</translation>
    </message>
    <message>
        <source>Importing the pairs as approved samples</source>
        <translation>Die Paare werden als angenommene Beispiele importiert</translation>
    </message>
    <message>
        <source>Importing the held-out test pairs</source>
        <translation>Die zurückgehaltenen Testpaare werden importiert</translation>
    </message>
    <message>
        <source>Training the student</source>
        <translation>Das Schülermodell wird trainiert</translation>
    </message>
    <message>
        <source>Open Example</source>
        <translation>Beispielprojekt öffnen</translation>
    </message>
    <message>
        <source>Each example is a real task with its data, ready to explore without a teacher, key or network. Choose one and how far to take it; Smolify makes a new project from it.</source>
        <translation>Jedes Beispielprojekt ist eine echte Aufgabe mit ihren Daten, bereit zum Erkunden ohne Lehrermodell, Schlüssel oder Netzwerk. Wählen Sie eines und wie weit es gehen soll; Smolify macht daraus ein neues Projekt.</translation>
    </message>
    <message>
        <source>Fresh: the task spec only</source>
        <translation>Neu: nur die Aufgabenspezifikation</translation>
    </message>
    <message>
        <source>Generated: the samples made, not yet reviewed</source>
        <translation>Erzeugt: Beispiele erstellt, noch nicht geprüft</translation>
    </message>
    <message>
        <source>Reviewed: the review done and the test pairs in</source>
        <translation>Geprüft: Prüfung erledigt und Testpaare importiert</translation>
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
        <translation>Öffnen im Stand:</translation>
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
        <translation>Es wurden keine Beispielprojekte gefunden. Smolify sucht in:
%1

Setzen Sie SMOLIFY_EXAMPLES_DIR auf einen Ordner mit Beispielprojekten, um einen anderen zu verwenden.</translation>
    </message>
    <message>
        <source>Imports data already on this computer with the example&apos;s own program (see its README); the pairs are approved as imported, so there is nothing to review.</source>
        <translation>Importiert Daten, die schon auf diesem Computer liegen, mit dem eigenen Programm des Beispielprojekts (siehe seine README); die Paare werden beim Import angenommen, es gibt also nichts zu prüfen.</translation>
    </message>
    <message>
        <source>A recorded teacher session and a recorded review, replayed without a teacher.</source>
        <translation>Eine aufgezeichnete Sitzung des Lehrermodells und eine aufgezeichnete Prüfung, abgespielt ohne Lehrermodell.</translation>
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
        <translation>Öffnet die Seite „Absicht“ mit der Aufgabenspezifikation des Beispielprojekts und ohne Beispiele.</translation>
    </message>
    <message>
        <source>Runs the prepare command and imports its training pairs as approved samples; opens on the Data page.</source>
        <translation>Führt den Vorbereitungsbefehl aus und importiert seine Trainingspaare als angenommene Beispiele; öffnet die Seite „Daten“.</translation>
    </message>
    <message>
        <source>Replays the teacher session: the samples wait for review on the Data page.</source>
        <translation>Spielt die Sitzung des Lehrermodells ab: Die Beispiele warten auf der Seite „Daten“ auf die Prüfung.</translation>
    </message>
    <message>
        <source>Imports the training pairs and the held-out test pairs; opens on the Data page.</source>
        <translation>Importiert die Trainingspaare und die zurückgehaltenen Testpaare; öffnet die Seite „Daten“.</translation>
    </message>
    <message>
        <source>Applies the recorded review (approvals, edits, rejections with reasons) and imports the held-out test pairs; opens on the Data page.</source>
        <translation>Wendet die aufgezeichnete Prüfung an (Annahmen, Bearbeitungen, Ablehnungen mit Gründen) und importiert die zurückgehaltenen Testpaare; öffnet die Seite „Daten“.</translation>
    </message>
    <message>
        <source>As reviewed, then trains the student for about %1 minutes on this computer; opens on the Train page.</source>
        <translation>Wie „Geprüft“, dann wird das Schülermodell etwa %1 Minuten auf diesem Computer trainiert; öffnet die Seite „Training“.</translation>
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
        <translation>Wählen Sie ein Beispielprojekt.</translation>
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
        <translation>Das Beispielprojekt wird gelesen…</translation>
    </message>
    <message>
        <source>Cancelled; no project was kept.</source>
        <translation>Abgebrochen; es wurde kein Projekt behalten.</translation>
    </message>
    <message>
        <source>The example could not be opened:
%1</source>
        <translation>Das Beispielprojekt konnte nicht geöffnet werden:
%1</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
</context>
<context>
    <name>smolify::ui::PlaygroundPage</name>
    <message>
        <source>the model ended its answer</source>
        <translation>das Modell hat seine Antwort beendet</translation>
    </message>
    <message>
        <source>the token limit</source>
        <translation>die Token-Grenze</translation>
    </message>
    <message>
        <source>the model&apos;s context is full</source>
        <translation>der Kontext des Modells ist voll</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>Open File…</source>
        <translation>Datei öffnen…</translation>
    </message>
    <message>
        <source>0 (greedy)</source>
        <translation>0 (Greedy)</translation>
    </message>
    <message>
        <source>Keep the contract</source>
        <translation>Vertrag einhalten</translation>
    </message>
    <message>
        <source>Labels: the label the model scores highest. Sections or JSON: only answers that keep the task spec&apos;s format.</source>
        <translation>Labels: das Label, das das Modell am höchsten bewertet. Abschnitte oder JSON: nur Antworten im Format der Aufgabenspezifikation.</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>Temperatur:</translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation>Max. Token:</translation>
    </message>
    <message>
        <source>Ask the teacher too</source>
        <translation>Auch das Lehrermodell fragen</translation>
    </message>
    <message>
        <source>Type or paste an input, then Run (Ctrl+Enter).</source>
        <translation>Geben Sie eine Eingabe ein oder fügen Sie sie ein, dann „Ausführen“ (Strg+Eingabe).</translation>
    </message>
    <message>
        <source>The student&apos;s answer appears here as it is written.</source>
        <translation>Die Antwort des Schülermodells erscheint hier, während sie geschrieben wird.</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Schülermodell</translation>
    </message>
    <message>
        <source>With &quot;Ask the teacher too&quot;: the teacher&apos;s answer, for comparison.</source>
        <translation>Mit „Auch das Lehrermodell fragen“: die Antwort des Lehrermodells, zum Vergleich.</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Lehrermodell</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>Serve This Model</source>
        <translation>Dieses Modell bereitstellen</translation>
    </message>
    <message>
        <source>While serving: a curl line that asks it</source>
        <translation>Während der Bereitstellung: eine curl-Zeile, die es abfragt</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>OpenAI-compatible endpoint on this computer</source>
        <translation>OpenAI-kompatibler Endpunkt auf diesem Computer</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Stop Serving</source>
        <translation>Bereitstellung beenden</translation>
    </message>
    <message>
        <source>This project&apos;s newest training run (F32)</source>
        <translation>Neuester Trainingslauf dieses Projekts (F32)</translation>
    </message>
    <message>
        <source>%1 · %2 (exported %3)</source>
        <translation>%1 · %2 (exportiert %3)</translation>
    </message>
    <message>
        <source>%1 answers the same input; the call is journaled and priced</source>
        <translation>%1 beantwortet dieselbe Eingabe; der Aufruf wird im Journal festgehalten und abgerechnet</translation>
    </message>
    <message>
        <source>Set a teacher on the Intent page first</source>
        <translation>Legen Sie zuerst auf der Seite „Absicht“ ein Lehrermodell fest</translation>
    </message>
    <message>
        <source>Open a model file</source>
        <translation>Modelldatei öffnen</translation>
    </message>
    <message>
        <source>GGUF model (*.gguf)</source>
        <translation>GGUF-Modell (*.gguf)</translation>
    </message>
    <message>
        <source>Type an input first.</source>
        <translation>Geben Sie zuerst eine Eingabe ein.</translation>
    </message>
    <message>
        <source>Reading the teacher&apos;s key from the OS keyring…</source>
        <translation>Der Schlüssel des Lehrermodells wird aus dem Schlüsselbund des Systems gelesen…</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Das Modell wird geladen…</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Schreibt…</translation>
    </message>
    <message>
        <source>Asking the teacher…</source>
        <translation>Das Lehrermodell wird gefragt…</translation>
    </message>
    <message>
        <source>%1 tokens, %2 tokens/s; the %3-token prompt took %4 ms; ended by %5.</source>
        <translation>%1 Token, %2 Token/s; der Prompt mit %3 Token dauerte %4 ms; Ende: %5.</translation>
    </message>
    <message>
        <source>Contract kept (%1).</source>
        <translation>Vertrag eingehalten (%1).</translation>
    </message>
    <message>
        <source>Not constrained: %1</source>
        <translation>Nicht eingeschränkt: %1</translation>
    </message>
    <message>
        <source>Could not answer: %1</source>
        <translation>Keine Antwort möglich: %1</translation>
    </message>
    <message>
        <source>answered from the journal, no cost</source>
        <translation>aus dem Journal beantwortet, ohne Kosten</translation>
    </message>
    <message>
        <source>cost unknown (the model is not in the price table)</source>
        <translation>Kosten unbekannt (das Modell steht nicht in der Preistabelle)</translation>
    </message>
    <message>
        <source>$%1</source>
        <translation>$%1</translation>
    </message>
    <message>
        <source>%1 ms; %2.</source>
        <translation>%1 ms; %2.</translation>
    </message>
    <message>
        <source>The teacher did not answer: %1</source>
        <translation>Das Lehrermodell hat nicht geantwortet: %1</translation>
    </message>
    <message>
        <source>The endpoint serves a model file: export one on the Export page first.</source>
        <translation>Der Endpunkt stellt eine Modelldatei bereit: Exportieren Sie zuerst eine auf der Seite „Exportieren“.</translation>
    </message>
    <message>
        <source>Could not serve: %1</source>
        <translation>Bereitstellung nicht möglich: %1</translation>
    </message>
    <message>
        <source>Serving %1 at %2</source>
        <translation>%1 wird unter %2 bereitgestellt</translation>
    </message>
    <message>
        <source>Serving at %1</source>
        <translation>Bereitgestellt unter %1</translation>
    </message>
    <message>
        <source>Stopped serving.</source>
        <translation>Bereitstellung beendet.</translation>
    </message>
    <message>
        <source>no project is open</source>
        <translation>kein Projekt ist geöffnet</translation>
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
    <name>smolify::ui::RevisionHistory</name>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <source>%1 (original)</source>
        <translation>%1 (Original)</translation>
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
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit the input and output (E). Every version is kept.</source>
        <translation>Eingabe und Ausgabe bearbeiten (E). Jede Version bleibt erhalten.</translation>
    </message>
    <message>
        <source>Editing: Ctrl+Enter saves, Esc cancels</source>
        <translation>Bearbeitung: Strg+Eingabe speichert, Esc bricht ab</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save Edit</source>
        <translation>Bearbeitung speichern</translation>
    </message>
    <message>
        <source>Cancel Edit</source>
        <translation>Bearbeitung abbrechen</translation>
    </message>
    <message>
        <source>Save the edit (%1)</source>
        <translation>Die Bearbeitung speichern (%1)</translation>
    </message>
    <message>
        <source>Put the stored text back (Esc)</source>
        <translation>Den gespeicherten Text wiederherstellen (Esc)</translation>
    </message>
    <message>
        <source>Could not read sample #%1: %2</source>
        <translation>Beispiel #%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Edited, %1 versions kept</source>
        <translation>Bearbeitet, %1 Versionen erhalten</translation>
    </message>
    <message>
        <source>History (%1)</source>
        <translation>Verlauf (%1)</translation>
    </message>
    <message>
        <source>Not edited yet: the first edit keeps the original text as revision 1</source>
        <translation>Noch nicht bearbeitet: Die erste Bearbeitung bewahrt den Originaltext als Revision 1 auf</translation>
    </message>
    <message>
        <source>Every version of this sample, with who wrote it and when</source>
        <translation>Jede Version dieses Beispiels, mit Verfasser und Zeitpunkt</translation>
    </message>
    <message>
        <source>No changes to save in #%1</source>
        <translation>Keine Änderungen an #%1 zu speichern</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Could not read the history of #%1: %2</source>
        <translation>Der Verlauf von #%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Showing the original text (revision 1, %1, %2), not the current one.</source>
        <translation>Angezeigt wird der Originaltext (Revision 1, %1, %2), nicht der aktuelle.</translation>
    </message>
    <message>
        <source>Showing revision %1 (%2, %3), not the current text.</source>
        <translation>Angezeigt wird Revision %1 (%2, %3), nicht der aktuelle Text.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
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
    <message>
        <source>Performance</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Alle Kerne (%1)</translation>
    </message>
    <message>
        <source>For new training runs (a resumed run keeps its own count, so its numbers stay reproducible) and for evaluation, export measurements and the playground. More threads than cores only slow things down.</source>
        <translation>Für neue Trainingsläufe (ein fortgesetzter Lauf behält seine eigene Anzahl, damit seine Zahlen reproduzierbar bleiben) sowie für Auswertung, Exportmessungen und das Testfeld. Mehr Threads als Kerne bremsen nur.</translation>
    </message>
    <message>
        <source>Training threads:</source>
        <translation>Threads fürs Training:</translation>
    </message>
    <message>
        <source>Inference threads:</source>
        <translation>Threads für die Inferenz:</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exporte</translation>
    </message>
    <message>
        <source>Beside the project file</source>
        <translation>Neben der Projektdatei</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Where Exports Go</source>
        <translation>Zielordner für Exporte</translation>
    </message>
    <message>
        <source>Default folder:</source>
        <translation>Standardordner:</translation>
    </message>
    <message>
        <source>The Export page proposes NAME-model/NAME.TYPE.gguf in this folder; you can still change it for each export.</source>
        <translation>Die Export-Seite schlägt NAME-model/NAME.TYP.gguf in diesem Ordner vor; Sie können das bei jedem Export ändern.</translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>Lehrermodelle</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Lehrermodell</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Key variable</source>
        <translation>Schlüsselvariable</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>this machine</source>
        <translation>dieser Rechner</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Input, $ per million tokens</source>
        <translation>Eingabe, $ pro Million Tokens</translation>
    </message>
    <message>
        <source>Output, $ per million tokens</source>
        <translation>Ausgabe, $ pro Million Tokens</translation>
    </message>
    <message>
        <source>Add Model</source>
        <translation>Modell hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Save Prices</source>
        <translation>Preise speichern</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Standard wiederherstellen</translation>
    </message>
    <message>
        <source>e.g. gpu-box.lan, 10.0.0.5</source>
        <translation>z. B. gpu-box.lan, 10.0.0.5</translation>
    </message>
    <message>
        <source>A project in air-gap mode reaches only a teacher on this machine (localhost, 127.0.0.1, ::1) or on these hosts, such as a server on your own network.</source>
        <translation>Ein Projekt im Air-Gap-Modus erreicht nur ein Lehrermodell auf diesem Rechner (localhost, 127.0.0.1, ::1) oder auf diesen Hosts, etwa einem Server im eigenen Netz.</translation>
    </message>
    <message>
        <source>What generation costs is counted with these prices (a project&apos;s own prices win). Prices change: check your provider&apos;s page.</source>
        <translation>Die Kosten der Generierung werden mit diesen Preisen berechnet (die eigenen Preise eines Projekts haben Vorrang). Preise ändern sich: Prüfen Sie die Seite Ihres Anbieters.</translation>
    </message>
    <message>
        <source>Presets:</source>
        <translation>Vorlagen:</translation>
    </message>
    <message>
        <source>Prices:</source>
        <translation>Preise:</translation>
    </message>
    <message>
        <source>Air-gap hosts:</source>
        <translation>Air-Gap-Hosts:</translation>
    </message>
    <message>
        <source>Settings that belong to a project (its intent, its teacher and that teacher&apos;s key) live in the project file and the OS keyring, not here.</source>
        <translation>Einstellungen, die zu einem Projekt gehören (sein Ziel, sein Lehrermodell und dessen Schlüssel), liegen in der Projektdatei und im Schlüsselbund des Systems, nicht hier.</translation>
    </message>
    <message numerus="yes">
        <source>Your prices (%n models).</source>
        <translation>
            <numerusform>Ihre Preise (%n Modell).</numerusform>
            <numerusform>Ihre Preise (%n Modelle).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The built-in prices (%n models).</source>
        <translation>
            <numerusform>Die eingebauten Preise (%n Modell).</numerusform>
            <numerusform>Die eingebauten Preise (%n Modelle).</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1: give a model name and two prices of 0 or more (dollars per million tokens). Nothing was saved.</source>
        <translation>Zeile %1: Geben Sie einen Modellnamen und zwei Preise ab 0 an (Dollar pro Million Tokens). Es wurde nichts gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>Saved: %n models.</source>
        <translation>
            <numerusform>Gespeichert: %n Modell.</numerusform>
            <numerusform>Gespeichert: %n Modelle.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smolify::ui::SynthPanel</name>
    <message>
        <source>time left unknown</source>
        <translation>Restzeit unbekannt</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>noch %1 s</translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>noch %1 min</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Lehrermodell</translation>
    </message>
    <message>
        <source>Change Teacher…</source>
        <translation>Lehrermodell ändern…</translation>
    </message>
    <message>
        <source>Task spec</source>
        <translation>Aufgabenspezifikation</translation>
    </message>
    <message>
        <source>Draft with Teacher</source>
        <translation>Mit Lehrermodell entwerfen</translation>
    </message>
    <message>
        <source>The teacher drafts the task kind, instruction, output contract, diversity axes and seed examples from the intent; you edit it after.</source>
        <translation>Das Lehrermodell entwirft aus der Absicht Aufgabenart, Anweisung, Ausgabevertrag, Vielfaltsachsen und Startbeispiele; anschließend bearbeiten Sie die Spezifikation.</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Generate samples</source>
        <translation>Beispiele erzeugen</translation>
    </message>
    <message>
        <source>Judge each sample (a second teacher call)</source>
        <translation>Jedes Beispiel beurteilen lassen (ein zweiter Aufruf des Lehrermodells)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Accepted samples wanted:</source>
        <translation>Gewünschte akzeptierte Beispiele:</translation>
    </message>
    <message>
        <source>Budget:</source>
        <translation>Budget:</translation>
    </message>
    <message>
        <source>New samples arrive as pending on the Data page. Approved samples, rejection reasons and your edits steer the next run.</source>
        <translation>Neue Beispiele erscheinen als offen auf der Seite „Daten“. Angenommene Beispiele, Ablehnungsgründe und Ihre Bearbeitungen steuern den nächsten Lauf.</translation>
    </message>
    <message>
        <source>No teacher yet. Choose one to draft a spec and generate samples.</source>
        <translation>Noch kein Lehrermodell. Wählen Sie eines, um eine Spezifikation zu entwerfen und Beispiele zu erzeugen.</translation>
    </message>
    <message>
        <source>key in the OS keyring</source>
        <translation>Schlüssel im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>kein Schlüssel</translation>
    </message>
    <message>
        <source>key from $%1</source>
        <translation>Schlüssel aus $%1</translation>
    </message>
    <message>
        <source>%1 at %2 (%3%4)</source>
        <translation>%1 unter %2 (%3%4)</translation>
    </message>
    <message>
        <source>, air-gapped</source>
        <translation>, nur lokal</translation>
    </message>
    <message>
        <source>No task spec yet. Draft one with the teacher, or edit one by hand.</source>
        <translation>Noch keine Aufgabenspezifikation. Entwerfen Sie eine mit dem Lehrermodell oder bearbeiten Sie eine von Hand.</translation>
    </message>
    <message>
        <source>Version %1 (%2)
</source>
        <translation>Version %1 (%2)
</translation>
    </message>
    <message>
        <source>Task Spec</source>
        <translation>Aufgabenspezifikation</translation>
    </message>
    <message>
        <source>The spec as JSON (docs/synth.md describes the fields). Saving adds a new version; samples keep the version they were made under.</source>
        <translation>Die Spezifikation als JSON (docs/synth.md beschreibt die Felder). Speichern legt eine neue Version an; Beispiele behalten die Version, unter der sie entstanden sind.</translation>
    </message>
    <message>
        <source>Task spec saved as a new version.</source>
        <translation>Aufgabenspezifikation als neue Version gespeichert.</translation>
    </message>
    <message>
        <source>Reading the key from the OS keyring…</source>
        <translation>Der Schlüssel wird aus dem Schlüsselbund des Systems gelesen…</translation>
    </message>
    <message>
        <source>Asking the teacher for a task spec…</source>
        <translation>Das Lehrermodell wird um eine Aufgabenspezifikation gebeten…</translation>
    </message>
    <message>
        <source>Asking the teacher for a task spec… %1</source>
        <translation>Das Lehrermodell wird um eine Aufgabenspezifikation gebeten… %1</translation>
    </message>
    <message>
        <source>The teacher drafted spec version %1 (%2). Review it, and edit what is off.</source>
        <translation>Das Lehrermodell hat Version %1 der Spezifikation entworfen (%2). Prüfen Sie sie und korrigieren Sie, was nicht stimmt.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>%1 accepted, %2 rejected, %3 duplicates, %4 failed calls, %5</source>
        <translation>%1 akzeptiert, %2 abgelehnt, %3 Duplikate, %4 fehlgeschlagene Aufrufe, %5</translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation>Fertig: %1.</translation>
    </message>
    <message>
        <source>Stopped: %1. Generate again to continue the run.</source>
        <translation>Angehalten: %1. „Erzeugen“ setzt den Lauf fort.</translation>
    </message>
    <message>
        <source>Stopped early: %1. %2</source>
        <translation>Vorzeitig beendet: %1. %2</translation>
    </message>
    <message>
        <source>Stopping after the replies in flight…</source>
        <translation>Hält nach den laufenden Antworten an…</translation>
    </message>
    <message>
        <source>%1 of %2 accepted · %3 rejected · %4 duplicates · %5 failed · %6 · %7</source>
        <translation>%1 von %2 akzeptiert · %3 abgelehnt · %4 Duplikate · %5 fehlgeschlagen · %6 · %7</translation>
    </message>
    <message>
        <source>Teacher: %1</source>
        <translation>Lehrermodell: %1</translation>
    </message>
</context>
<context>
    <name>smolify::ui::TeacherDialog</name>
    <message>
        <source>Teacher</source>
        <translation>Lehrermodell</translation>
    </message>
    <message>
        <source>Custom endpoint</source>
        <translation>Eigener Endpunkt</translation>
    </message>
    <message>
        <source>e.g. gpt-4o-mini or llama3.1:8b</source>
        <translation>z. B. gpt-4o-mini oder llama3.1:8b</translation>
    </message>
    <message>
        <source>No key (a server on this machine)</source>
        <translation>Kein Schlüssel (ein Server auf diesem Rechner)</translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation>Umgebungsvariable</translation>
    </message>
    <message>
        <source>OS keyring</source>
        <translation>Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>JSON schema (OpenAI, Gemini, Ollama, llama.cpp, vLLM)</source>
        <translation>JSON-Schema (OpenAI, Gemini, Ollama, llama.cpp, vLLM)</translation>
    </message>
    <message>
        <source>JSON object only</source>
        <translation>Nur JSON-Objekt</translation>
    </message>
    <message>
        <source>None (the prompt asks for JSON)</source>
        <translation>Keine (der Prompt verlangt JSON)</translation>
    </message>
    <message>
        <source>Air-gap: allow only a teacher on this machine</source>
        <translation>Nur lokal: nur ein Lehrermodell auf diesem Rechner zulassen</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Anbieter:</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>Basis-URL:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <source>Variable name:</source>
        <translation>Variablenname:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>Structured output:</source>
        <translation>Strukturierte Ausgabe:</translation>
    </message>
    <message>
        <source>The key is never written to the project: it stays in the OS keyring or in your environment.</source>
        <translation>Der Schlüssel wird nie in das Projekt geschrieben: Er bleibt im Schlüsselbund des Systems oder in Ihrer Umgebung.</translation>
    </message>
    <message>
        <source>stored; type to replace</source>
        <translation>gespeichert; zum Ersetzen neu eingeben</translation>
    </message>
    <message>
        <source>paste the API key</source>
        <translation>API-Schlüssel einfügen</translation>
    </message>
    <message>
        <source>Give the teacher&apos;s base URL and model.</source>
        <translation>Geben Sie Basis-URL und Modell des Lehrermodells an.</translation>
    </message>
    <message>
        <source>Name the environment variable that holds the key.</source>
        <translation>Geben Sie die Umgebungsvariable an, die den Schlüssel enthält.</translation>
    </message>
    <message>
        <source>Paste the API key to store in the OS keyring.</source>
        <translation>Fügen Sie den API-Schlüssel ein, der im Schlüsselbund des Systems gespeichert werden soll.</translation>
    </message>
    <message>
        <source>Storing the key in the OS keyring…</source>
        <translation>Der Schlüssel wird im Schlüsselbund des Systems gespeichert…</translation>
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
        <translation>Hält nach dem aktuellen Schritt an…</translation>
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
        <translation>Lauf #%1 wird fortgesetzt…</translation>
    </message>
    <message>
        <source>Preparing the training data…</source>
        <translation>Die Trainingsdaten werden vorbereitet…</translation>
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
    <message>
        <source>Automatic — the best model the time limit allows</source>
        <translation>Automatisch — bestes Modell für die Zeitgrenze</translation>
    </message>
    <message>
        <source>Micro — seconds, for a first look</source>
        <translation>Mikro — Sekunden, für einen ersten Eindruck</translation>
    </message>
    <message>
        <source>The time to train. With the automatic model the size of the model and its schedule are fitted to it on this computer; otherwise the run stops there and Resume continues it.</source>
        <translation>Die Trainingszeit. Beim automatischen Modell werden Modellgröße und Zeitplan auf diesem Computer daran angepasst; sonst hält der Lauf dort an und „Fortsetzen“ setzt ihn fort.</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>Daten: %1</translation>
    </message>
    <message>
        <source>Recipe: input loss weight %1, input dropout %2, dropout %3; best checkpoint by %4</source>
        <translation>Rezept: Gewicht des Eingabeverlusts %1, Eingabe-Dropout %2, Dropout %3; bester Checkpoint nach %4</translation>
    </message>
    <message>
        <source>Labels: distilled at weight %1 from an n-gram classifier (%2% right on samples it did not see)</source>
        <translation>Labels: mit Gewicht %1 aus einem N-Gramm-Klassifikator destilliert (%2 % richtig bei Beispielen, die er nicht gesehen hat)</translation>
    </message>
    <message>
        <source>
Label accuracy on the validation slice: %1%</source>
        <translation>
Label-Genauigkeit auf dem Validierungsausschnitt: %1 %</translation>
    </message>
    <message>
        <source>
Score of greedy answers on the validation slice: %1</source>
        <translation>
Score der Greedy-Antworten auf dem Validierungsausschnitt: %1</translation>
    </message>
    <message>
        <source>Training stopped: %1</source>
        <translation>Training angehalten: %1</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>Schätzen</translation>
    </message>
    <message>
        <source>Plans the run on this corpus and measures this machine&apos;s pace, without training: the model, the context, what it cuts, the time per epoch.</source>
        <translation>Plant den Lauf auf diesem Korpus und misst das Tempo dieses Rechners, ohne zu trainieren: das Modell, den Kontext, was gekürzt wird, die Zeit pro Epoche.</translation>
    </message>
    <message>
        <source>The settings changed: press Estimate for this run&apos;s time and size.</source>
        <translation>Die Einstellungen haben sich geändert: Klicken Sie auf Schätzen für Zeit und Größe dieses Laufs.</translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation>Keine Schätzung: %1</translation>
    </message>
    <message>
        <source>Estimate: %1 weights (%2), about %3 per epoch at %4 tokens/s measured here; %5 steps (%6 epochs), about %7 of training.</source>
        <translation>Schätzung: %1 Gewichte (%2), etwa %3 pro Epoche bei %4 hier gemessenen Tokens/s; %5 Schritte (%6 Epochen), etwa %7 Training.</translation>
    </message>
    <message>
        <source>Context %1 tokens: no sample is cut or dropped.</source>
        <translation>Kontext %1 Tokens: Kein Beispiel wird gekürzt oder ausgelassen.</translation>
    </message>
    <message>
        <source>Context %1 tokens: %2 samples cut, %3 dropped (too long for the context).</source>
        <translation>Kontext %1 Tokens: %2 Beispiele gekürzt, %3 ausgelassen (zu lang für den Kontext).</translation>
    </message>
    <message>
        <source>Estimating: planning the run and measuring this machine&apos;s pace…</source>
        <translation>Schätzung läuft: Der Lauf wird geplant und das Tempo dieses Rechners gemessen…</translation>
    </message>
    <message>
        <source>Starting once the estimate is done…</source>
        <translation>Startet, sobald die Schätzung fertig ist…</translation>
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
        <translation>Beispielprojekt öffnen…</translation>
    </message>
    <message>
        <source>Explore Smolify with a bundled example and its real data</source>
        <translation>Smolify mit einem mitgelieferten Beispielprojekt und seinen echten Daten erkunden</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt geöffnete Projekte</translation>
    </message>
</context>
</TS>
