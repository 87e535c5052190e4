<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>Keyring</name>
    <message>
        <source>the OS keyring holds no key for this teacher</source>
        <translation>el llavero del sistema no contiene ninguna clave para este modelo maestro</translation>
    </message>
    <message>
        <source>the OS keyring refused access (%1)</source>
        <translation>el llavero del sistema denegó el acceso (%1)</translation>
    </message>
    <message>
        <source>no OS keyring is available on this system (%1); name an environment variable that holds the key instead</source>
        <translation>no hay ningún llavero disponible en este sistema (%1); indique en su lugar una variable de entorno que contenga la clave</translation>
    </message>
    <message>
        <source>the OS keyring failed: %1</source>
        <translation>error del llavero del sistema: %1</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Modelo maestro</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importación</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
</context>
<context>
    <name>ReviewUndoStack</name>
    <message>
        <source>revision %1 of sample #%2 is no longer in the project</source>
        <translation>la versión %1 de la muestra #%2 ya no está en el proyecto</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Turn a typed intent into a small language model you own.</source>
        <translation>Convierte una intención escrita en un modelo de lenguaje pequeño y propio.</translation>
    </message>
    <message>
        <source>Open PROJECT on the Data page, save the window to FILE and exit.</source>
        <translation>Abre PROYECTO en la página Datos, guarda la ventana en ARCHIVO y sale.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ARCHIVO</translation>
    </message>
    <message>
        <source>Open PROJECT on PAGE: intent, data, train, evaluate, export, playground or settings (for --screenshot too).</source>
        <translation>Abre PROYECTO en PÁGINA: intent, data, train, evaluate, export, playground o settings (también para --screenshot).</translation>
    </message>
    <message>
        <source>PAGE</source>
        <translation>PÁGINA</translation>
    </message>
    <message>
        <source>A project file (.smolify) to open.</source>
        <translation>Un archivo de proyecto (.smolify) que abrir.</translation>
    </message>
</context>
<context>
    <name>smolify::ui::DataPage</name>
    <message>
        <source>Could not read samples: %1</source>
        <translation>No se pudieron leer las muestras: %1</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Add samples from a JSONL or CSV file</source>
        <translation>Añadir muestras desde un archivo JSONL o CSV</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>All splits</source>
        <translation>Todas las particiones</translation>
    </message>
    <message>
        <source>Search inputs, outputs and reject reasons</source>
        <translation>Buscar en entradas, salidas y motivos de rechazo</translation>
    </message>
    <message>
        <source>Keys: A approve · R reject · E edit · J / K next / previous · Ctrl+Z undo · Shift or Ctrl + click to select several</source>
        <translation>Teclas: A aprobar · R rechazar · E editar · J / K siguiente / anterior · Ctrl+Z deshacer · Mayús o Ctrl + clic para seleccionar varias</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <source>Approve the selected samples</source>
        <translation>Aprobar las muestras seleccionadas</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>Rechazar…</translation>
    </message>
    <message>
        <source>Reject the selected samples, with a reason</source>
        <translation>Rechazar las muestras seleccionadas, con un motivo</translation>
    </message>
    <message>
        <source>Edit Sample</source>
        <translation>Editar muestra</translation>
    </message>
    <message>
        <source>Edit the input and output; every version is kept</source>
        <translation>Editar la entrada y la salida; se conservan todas las versiones</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Take back the last decision or edit</source>
        <translation>Deshacer la última decisión o edición</translation>
    </message>
    <message>
        <source>Next Sample</source>
        <translation>Muestra siguiente</translation>
    </message>
    <message>
        <source>Move to the next sample</source>
        <translation>Ir a la muestra siguiente</translation>
    </message>
    <message>
        <source>Previous Sample</source>
        <translation>Muestra anterior</translation>
    </message>
    <message>
        <source>Move to the previous sample</source>
        <translation>Ir a la muestra anterior</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Read the samples again from the project</source>
        <translation>Volver a leer las muestras del proyecto</translation>
    </message>
    <message>
        <source>Review not saved</source>
        <translation>Revisión no guardada</translation>
    </message>
    <message>
        <source>Approved #%1</source>
        <translation>#%1 aprobada</translation>
    </message>
    <message>
        <source>Rejected #%1: %2</source>
        <translation>#%1 rechazada: %2</translation>
    </message>
    <message numerus="yes">
        <source>Approved %n samples</source>
        <translation>
            <numerusform>%n muestra aprobada</numerusform>
            <numerusform>%n muestras aprobadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n samples: %1</source>
        <translation>
            <numerusform>%n muestra rechazada: %1</numerusform>
            <numerusform>%n muestras rechazadas: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nada que deshacer</translation>
    </message>
    <message>
        <source>Undo failed</source>
        <translation>No se pudo deshacer</translation>
    </message>
    <message>
        <source>Undid the edit of #%1; its earlier text is back</source>
        <translation>Se deshizo la edición de #%1; vuelve su texto anterior</translation>
    </message>
    <message>
        <source>Undid the decision on #%1</source>
        <translation>Se deshizo la decisión sobre #%1</translation>
    </message>
    <message numerus="yes">
        <source>Undid the decision on %n samples</source>
        <translation>
            <numerusform>Se deshizo la decisión sobre %n muestra</numerusform>
            <numerusform>Se deshizo la decisión sobre %n muestras</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved the edit of #%1; Ctrl+Z takes it back</source>
        <translation>Edición de #%1 guardada; Ctrl+Z la deshace</translation>
    </message>
    <message>
        <source>Could not count samples: %1</source>
        <translation>No se pudieron contar las muestras: %1</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;No samples yet&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Import a JSON Lines or CSV file with &lt;i&gt;Import…&lt;/i&gt; above. Or have a teacher model write them: on the Intent page, set a teacher and press &lt;i&gt;Generate&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;Aún no hay ejemplos&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Importe un archivo JSON Lines o CSV con &lt;i&gt;Importar…&lt;/i&gt; arriba. O deje que un modelo maestro los escriba: en la página Intención, elija un modelo maestro y pulse &lt;i&gt;Generar&lt;/i&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Generate More Like These</source>
        <translation>Generar más como estos</translation>
    </message>
    <message>
        <source>Ask the teacher for more samples like the selected approved ones</source>
        <translation>Pedir al modelo maestro más ejemplos como los aprobados seleccionados</translation>
    </message>
    <message>
        <source>Select approved samples first: the teacher writes more like the approved ones.</source>
        <translation>Seleccione primero ejemplos aprobados: el modelo maestro escribe más como los aprobados.</translation>
    </message>
    <message numerus="yes">
        <source>Generating more like %n approved samples…</source>
        <translation>
            <numerusform>Generando más como %n ejemplo aprobado…</numerusform>
            <numerusform>Generando más como %n ejemplos aprobados…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smolify::ui::EvalPage</name>
    <message>
        <source>Student %1, constrained decoding</source>
        <translation>Modelo alumno %1, decodificación restringida</translation>
    </message>
    <message>
        <source>Student %1, unconstrained</source>
        <translation>Modelo alumno %1, sin restricciones</translation>
    </message>
    <message>
        <source>Student %1</source>
        <translation>Modelo alumno %1</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Modelo maestro</translation>
    </message>
    <message>
        <source>Baseline: %1</source>
        <translation>Línea base: %1</translation>
    </message>
    <message>
        <source>student (headline)</source>
        <translation>alumno (resultado principal)</translation>
    </message>
    <message>
        <source>student</source>
        <translation>alumno</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>maestro</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>línea base</translation>
    </message>
    <message>
        <source>%1 with constrained decoding</source>
        <translation>%1 con decodificación restringida</translation>
    </message>
    <message>
        <source>score</source>
        <translation>puntuación</translation>
    </message>
    <message>
        <source>The student (%1, %2 %3) beats the best baseline, %4 (%5), by %6.</source>
        <translation>El modelo alumno (%1, %2 %3) supera a la mejor línea base, %4 (%5), por %6.</translation>
    </message>
    <message>
        <source>The student (%1, %2 %3) does not beat the best baseline, %4 (%5): %6 behind.</source>
        <translation>El modelo alumno (%1, %2 %3) no supera a la mejor línea base, %4 (%5): queda %6 por detrás.</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>The trained student answers the held-out test samples next to the teacher, at each weight type, with the baselines it has to beat. The worst answers are listed first: correct one and make it a training sample.</source>
        <translation>El modelo alumno entrenado responde a las muestras de prueba reservadas junto al modelo maestro, con cada tipo de pesos, frente a las líneas base que debe superar. Las peores respuestas aparecen primero: corrija una y conviértala en una muestra de entrenamiento.</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Evaluar</translation>
    </message>
    <message>
        <source>Evaluate the newest trained model on the test split (F32, Q8_0 and Q4_0, and F32 with constrained decoding).</source>
        <translation>Evaluar el modelo entrenado más reciente en la partición de prueba (F32, Q8_0 y Q4_0, y F32 con decodificación restringida).</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Save Report…</source>
        <translation>Guardar informe…</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>Contract share</source>
        <translation>Contrato cumplido</translation>
    </message>
    <message>
        <source>Exact match</source>
        <translation>Coincidencia exacta</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplejidad</translation>
    </message>
    <message>
        <source>Facts recalled</source>
        <translation>Hechos recuperados</translation>
    </message>
    <message>
        <source>Invented facts</source>
        <translation>Hechos inventados</translation>
    </message>
    <message>
        <source>The share of the references&apos; rare words and numbers (names, doses, sums, dates) that the answers state.</source>
        <translation>La proporción de las palabras poco frecuentes y los números de las referencias (nombres, dosis, importes, fechas) que mencionan las respuestas.</translation>
    </message>
    <message>
        <source>The share of the rare words and numbers in the answers that are in neither the input nor the reference: facts the system made up.</source>
        <translation>La proporción de las palabras poco frecuentes y los números de las respuestas que no están ni en la entrada ni en la referencia: hechos que el sistema se ha inventado.</translation>
    </message>
    <message>
        <source>The output the student should have written</source>
        <translation>La salida que el modelo alumno debería haber escrito</translation>
    </message>
    <message>
        <source>Make Training Sample</source>
        <translation>Convertir en muestra de entrenamiento</translation>
    </message>
    <message>
        <source>The test sample leaves the test split and becomes an approved training sample with the corrected output (the teacher&apos;s text is kept in its history).</source>
        <translation>La muestra de prueba sale de la partición de prueba y se convierte en una muestra de entrenamiento aprobada con la salida corregida (el texto del modelo maestro se conserva en su historial).</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Teacher output</source>
        <translation>Salida del modelo maestro</translation>
    </message>
    <message>
        <source>Student output</source>
        <translation>Salida del modelo alumno</translation>
    </message>
    <message>
        <source>Corrected output</source>
        <translation>Salida corregida</translation>
    </message>
    <message>
        <source>No evaluation yet. Train a model on the Train page, then press Evaluate: the student answers the held-out test samples.</source>
        <translation>Aún no hay ninguna evaluación. Entrene un modelo en la página Entrenar y pulse Evaluar: el modelo alumno responde a las muestras de prueba reservadas.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>%1 (%2: %3)</source>
        <translation>%1 (%2: %3)</translation>
    </message>
    <message>
        <source>training run %1</source>
        <translation>ejecución de entrenamiento %1</translation>
    </message>
    <message>
        <source>Evaluation %1 of %2, %3.
Task kind: %4
%5 of %6 test samples evaluated%7.</source>
        <translation>Evaluación %1 de %2, %3.
Tipo de tarea: %4
%5 de %6 muestras de prueba evaluadas%7.</translation>
    </message>
    <message>
        <source> (%1 left out: the model trained on them)</source>
        <translation> (%1 excluidas: el modelo se entrenó con ellas)</translation>
    </message>
    <message>
        <source>The student scores no better than a simple classical baseline trained on the same samples: more or better training data, or a larger preset, may help.</source>
        <translation>El modelo alumno no puntúa mejor que una línea base clásica sencilla entrenada con las mismas muestras: más datos de entrenamiento, o mejores, o un preajuste mayor pueden ayudar.</translation>
    </message>
    <message>
        <source>The student&apos;s %1 against the best of the classical baselines trained on the same samples.</source>
        <translation>La métrica %1 del modelo alumno frente a la mejor de las líneas base clásicas entrenadas con las mismas muestras.</translation>
    </message>
    <message>
        <source>(breaks the contract: %1)</source>
        <translation>(incumple el contrato: %1)</translation>
    </message>
    <message>
        <source>Already a training sample (#%1).</source>
        <translation>Ya es una muestra de entrenamiento (#%1).</translation>
    </message>
    <message>
        <source>Starting the evaluation…</source>
        <translation>Iniciando la evaluación…</translation>
    </message>
    <message>
        <source>Stopped. Nothing was stored; press Evaluate to run it again.</source>
        <translation>Detenida. No se ha guardado nada; pulse Evaluar para volver a ejecutarla.</translation>
    </message>
    <message>
        <source>Evaluated %1 test samples.</source>
        <translation>%1 muestras de prueba evaluadas.</translation>
    </message>
    <message>
        <source>Evaluation: %1</source>
        <translation>Evaluación: %1</translation>
    </message>
    <message>
        <source>Stopping after the current answer…</source>
        <translation>Deteniendo tras la respuesta actual…</translation>
    </message>
    <message>
        <source>%1: %2 of %3 samples (pass %4 of %5)</source>
        <translation>%1: %2 de %3 muestras (pasada %4 de %5)</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>Seleccione primero una fila.</translation>
    </message>
    <message>
        <source>New approved training sample #%1 made from this row.</source>
        <translation>Se ha creado la nueva muestra de entrenamiento aprobada #%1 a partir de esta fila.</translation>
    </message>
    <message>
        <source>Sample #%1 is now an approved training sample%2.</source>
        <translation>La muestra #%1 es ahora una muestra de entrenamiento aprobada%2.</translation>
    </message>
    <message>
        <source> with the corrected output</source>
        <translation> con la salida corregida</translation>
    </message>
    <message>
        <source>There is no evaluation to report yet. Press Evaluate first.</source>
        <translation>Aún no hay ninguna evaluación de la que informar. Pulse primero Evaluar.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Report saved to %1.</source>
        <translation>Informe guardado en %1.</translation>
    </message>
    <message>
        <source>Save Evaluation Report</source>
        <translation>Guardar el informe de evaluación</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>Archivos HTML (*.html)</translation>
    </message>
    <message>
        <source>Save Report</source>
        <translation>Guardar informe</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <source>Mean time from the prompt to the whole answer, per test sample.</source>
        <translation>Tiempo medio desde la entrada hasta la respuesta completa, por ejemplo de prueba.</translation>
    </message>
    <message>
        <source>Generated tokens per second; the tooltip of each figure has the mean time per answer.</source>
        <translation>Tokens generados por segundo; la información emergente de cada cifra da el tiempo medio por respuesta.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 ms per answer</source>
        <translation>%1 ms por respuesta</translation>
    </message>
</context>
<context>
    <name>smolify::ui::EvalResultsModel</name>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Promoted to training sample #%1</source>
        <translation>Convertida en la muestra de entrenamiento #%1</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Teacher output</source>
        <translation>Salida del modelo maestro</translation>
    </message>
    <message>
        <source>Student output</source>
        <translation>Salida del modelo alumno</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>Contract ok</source>
        <translation>Contrato cumplido</translation>
    </message>
</context>
<context>
    <name>smolify::ui::ExportPage</name>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Tamaño del archivo</translation>
    </message>
    <message>
        <source>Held-out loss</source>
        <translation>Pérdida (reservadas)</translation>
    </message>
    <message>
        <source>vs F32</source>
        <translation>frente a F32</translation>
    </message>
    <message>
        <source>Evaluation score</source>
        <translation>Puntuación de evaluación</translation>
    </message>
    <message>
        <source>Keeps the contract</source>
        <translation>Cumple el contrato</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Medir</translation>
    </message>
    <message>
        <source>Write each type once to a temporary file and score it on the validation slice</source>
        <translation>Escribir cada tipo una vez en un archivo temporal y puntuarlo en el fragmento de validación</translation>
    </message>
    <message>
        <source>Smaller files run faster on a laptop; the held-out loss says what the rounding costs. Q8_0 is nearly lossless, Q4_0 the smallest.</source>
        <translation>Los archivos más pequeños se ejecutan más rápido en un portátil; la pérdida en las muestras reservadas indica lo que cuesta el redondeo. Q8_0 casi no pierde calidad; Q4_0 es el más pequeño.</translation>
    </message>
    <message>
        <source>Weight types</source>
        <translation>Tipos de pesos</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>none chosen (the model card says so)</source>
        <translation>ninguna elegida (la ficha del modelo lo indica)</translation>
    </message>
    <message>
        <source>An SPDX licence id such as apache-2.0, mit or cc-by-4.0</source>
        <translation>Un identificador de licencia SPDX como apache-2.0, mit o cc-by-4.0</translation>
    </message>
    <message>
        <source>Also write a Hugging Face folder (safetensors, config, tokenizer)</source>
        <translation>Escribir también una carpeta de Hugging Face (safetensors, config, tokenizer)</translation>
    </message>
    <message>
        <source>Replace a README.md, Modelfile or folder that Smolify did not write</source>
        <translation>Reemplazar un README.md, un Modelfile o una carpeta que Smolify no haya escrito</translation>
    </message>
    <message>
        <source>The model card (README.md) and an Ollama Modelfile are written beside the file.</source>
        <translation>La ficha del modelo (README.md) y un Modelfile de Ollama se escriben junto al archivo.</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>Guardar como:</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>Licencia:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>Archivo del modelo</translation>
    </message>
    <message>
        <source>After an export: the commands that run the file.</source>
        <translation>Tras una exportación: los comandos que ejecutan el archivo.</translation>
    </message>
    <message>
        <source>Copy Commands</source>
        <translation>Copiar comandos</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <source>Run it</source>
        <translation>Ejecutarlo</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Earlier exports</source>
        <translation>Exportaciones anteriores</translation>
    </message>
    <message>
        <source>Open a project to export its model.</source>
        <translation>Abra un proyecto para exportar su modelo.</translation>
    </message>
    <message>
        <source>No model yet: train one on the Train page, then export it here.</source>
        <translation>Aún no hay ningún modelo: entrene uno en la página Entrenar y expórtelo aquí.</translation>
    </message>
    <message>
        <source>Training run %1 has no checkpoint yet: let it train a little longer, then export it here.</source>
        <translation>La ejecución de entrenamiento %1 aún no tiene ningún punto de control: deje que entrene un poco más y expórtela aquí.</translation>
    </message>
    <message>
        <source>Exports the student of training run %1 (%2 steps, %3).</source>
        <translation>Exporta el modelo alumno de la ejecución de entrenamiento %1 (%2 pasos, %3).</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>personalizado</translation>
    </message>
    <message>
        <source>Exports the student of training run %1: %2, %3 parameters, %4 steps, %5.</source>
        <translation>Exporta el modelo alumno de la ejecución de entrenamiento %1: %2, %3 parámetros, %4 pasos, %5.</translation>
    </message>
    <message>
        <source>Best validation loss %1.</source>
        <translation>Mejor pérdida de validación: %1.</translation>
    </message>
    <message>
        <source>The run is still training: the export takes its newest checkpoint.</source>
        <translation>La ejecución sigue entrenando: la exportación toma su punto de control más reciente.</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>referencia</translation>
    </message>
    <message>
        <source>present</source>
        <translation>presente</translation>
    </message>
    <message>
        <source>missing: moved or deleted</source>
        <translation>falta: movido o eliminado</translation>
    </message>
    <message>
        <source>changed since (another size)</source>
        <translation>modificado desde entonces (otro tamaño)</translation>
    </message>
    <message>
        <source>Measuring each type on the validation slice…</source>
        <translation>Midiendo cada tipo en el fragmento de validación…</translation>
    </message>
    <message>
        <source>Measured on %1 validation samples (%2 answer tokens).</source>
        <translation>Medido en %1 muestras de validación (%2 tokens de respuesta).</translation>
    </message>
    <message>
        <source>Measuring stopped.</source>
        <translation>Medición detenida.</translation>
    </message>
    <message>
        <source>Could not measure the types: %1</source>
        <translation>No se pudieron medir los tipos: %1</translation>
    </message>
    <message>
        <source>Choose where to save the model file.</source>
        <translation>Elija dónde guardar el archivo del modelo.</translation>
    </message>
    <message>
        <source>The model file&apos;s name must end in .gguf.</source>
        <translation>El nombre del archivo del modelo debe terminar en .gguf.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Escribiendo %1…</translation>
    </message>
    <message>
        <source>Exported.</source>
        <translation>Exportado.</translation>
    </message>
    <message>
        <source>%1
%2, %3 bytes; SHA-256 %4
Beside it: README.md (the model card) and Modelfile.</source>
        <translation>%1
%2, %3 bytes; SHA-256 %4
Junto a él: README.md (la ficha del modelo) y Modelfile.</translation>
    </message>
    <message>
        <source>Hugging Face folder: %1</source>
        <translation>Carpeta de Hugging Face: %1</translation>
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
        <translation>%1 exportado</translation>
    </message>
    <message>
        <source>Export stopped; no file was kept.</source>
        <translation>Exportación detenida; no se ha conservado ningún archivo.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Error en la exportación: %1</translation>
    </message>
    <message>
        <source>Commands copied.</source>
        <translation>Comandos copiados.</translation>
    </message>
    <message>
        <source>Save the model as</source>
        <translation>Guardar el modelo como</translation>
    </message>
    <message>
        <source>GGUF model (*.gguf)</source>
        <translation>Modelo GGUF (*.gguf)</translation>
    </message>
</context>
<context>
    <name>smolify::ui::ImportBar</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Show Problems</source>
        <translation>Mostrar problemas</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Cancelling the import of %1…</source>
        <translation>Cancelando la importación de %1…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importando %1…</translation>
    </message>
    <message>
        <source>Importing %1… %2 read, %3 new</source>
        <translation>Importando %1… %2 leídas, %3 nuevas</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>No se pudo importar %1: %2</translation>
    </message>
    <message>
        <source>Import of %1 cancelled: %2 new samples kept.</source>
        <translation>Importación de %1 cancelada: se conservan %2 muestras nuevas.</translation>
    </message>
    <message>
        <source>Imported %1: %2 new samples.</source>
        <translation>%1 importado: %2 muestras nuevas.</translation>
    </message>
    <message numerus="yes">
        <source>%n already in the project.</source>
        <translation>
            <numerusform>%n ya estaba en el proyecto.</numerusform>
            <numerusform>%n ya estaban en el proyecto.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n malformed, skipped.</source>
        <translation>
            <numerusform>%n mal formada, omitida.</numerusform>
            <numerusform>%n mal formadas, omitidas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more not listed.</source>
        <translation>
            <numerusform>… y %n más sin listar.</numerusform>
            <numerusform>… y %n más sin listar.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smolify::ui::ImportController</name>
    <message>
        <source>line %1: %2</source>
        <translation>línea %1: %2</translation>
    </message>
</context>
<context>
    <name>smolify::ui::ImportDialog</name>
    <message>
        <source>Import Samples</source>
        <translation>Importar muestras</translation>
    </message>
    <message>
        <source>Bring samples you already have. JSON Lines with &quot;input&quot; and &quot;output&quot; fields (or OpenAI-style &quot;messages&quot;), or CSV with input and output columns. Lines that cannot be read are listed afterwards; samples already in the project are skipped.</source>
        <translation>Traiga las muestras que ya tenga: JSON Lines con los campos «input» y «output» (o «messages» al estilo de OpenAI), o CSV con columnas de entrada y salida. Las líneas que no se puedan leer se listan después; las muestras que ya están en el proyecto se omiten.</translation>
    </message>
    <message>
        <source>Choose a .jsonl or .csv file</source>
        <translation>Elija un archivo .jsonl o .csv</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Pending — review them here</source>
        <translation>Pendientes — revisarlas aquí</translation>
    </message>
    <message>
        <source>Approved — I trust this file</source>
        <translation>Aprobadas — confío en este archivo</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <source>Arrive as:</source>
        <translation>Llegan como:</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>Partición:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Samples (*.jsonl *.ndjson *.json *.csv);;All files (*)</source>
        <translation>Muestras (*.jsonl *.ndjson *.json *.csv);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>smolify::ui::IntentPage</name>
    <message>
        <source>Intent</source>
        <translation>Intención</translation>
    </message>
    <message>
        <source>What this model is for</source>
        <translation>Para qué sirve este modelo</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <source>Task spec:</source>
        <translation>Especificación de la tarea:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Creado:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <source>Could not read the project: %1</source>
        <translation>No se pudo leer el proyecto: %1</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>versión %1</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>aún ninguna</translation>
    </message>
    <message>
        <source>%1 by Smolify %2</source>
        <translation>%1 con Smolify %2</translation>
    </message>
</context>
<context>
    <name>smolify::ui::MainWindow</name>
    <message>
        <source>Intent</source>
        <translation>Intención</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entrenar</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Evaluar</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>Probar</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>&amp;Nuevo proyecto…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>Open &amp;Example…</source>
        <translation>Abrir &amp;ejemplo…</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>&amp;Cerrar proyecto</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Revisar</translation>
    </message>
    <message>
        <source>&amp;Import Samples…</source>
        <translation>&amp;Importar muestras…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About Smolify</source>
        <translation>&amp;Acerca de Smolify</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>Cannot Open Project</source>
        <translation>No se puede abrir el proyecto</translation>
    </message>
    <message>
        <source>Smolify could not open %1.

%2</source>
        <translation>Smolify no pudo abrir %1.

%2</translation>
    </message>
    <message>
        <source>Cannot Create Project</source>
        <translation>No se puede crear el proyecto</translation>
    </message>
    <message>
        <source>Smolify could not create %1.

%2</source>
        <translation>Smolify no pudo crear %1.

%2</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Abrir proyecto</translation>
    </message>
    <message>
        <source>Smolify projects (*.smolify);;All files (*)</source>
        <translation>Proyectos de Smolify (*.smolify);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Project Not Found</source>
        <translation>Proyecto no encontrado</translation>
    </message>
    <message>
        <source>%1 no longer exists, so it was removed from the recent projects.</source>
        <translation>%1 ya no existe, así que se ha quitado de los proyectos recientes.</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Vaciar lista</translation>
    </message>
    <message>
        <source>%1 — Smolify</source>
        <translation>%1 — Smolify</translation>
    </message>
    <message>
        <source>%1 samples  ·  %2</source>
        <translation>%1 muestras  ·  %2</translation>
    </message>
    <message>
        <source>About Smolify</source>
        <translation>Acerca de Smolify</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Smolify %1&lt;/h3&gt;&lt;p&gt;Turn a typed intent into a small language model you own: review the data, train on this computer, take one file with you.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Smolify %1&lt;/h3&gt;&lt;p&gt;Convierta una intención escrita en un modelo de lenguaje pequeño y propio: revise los datos, entrene en este ordenador y llévese un solo archivo.&lt;/p&gt;&lt;p&gt;Compilado con Qt %2.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>smolify::ui::NewProjectDialog</name>
    <message>
        <source>New Project</source>
        <translation>Nuevo proyecto</translation>
    </message>
    <message>
        <source>What should the model do? Describe it in plain words, as you would to a colleague.</source>
        <translation>¿Qué debe hacer el modelo? Descríbalo con palabras sencillas, como se lo explicaría a un colega.</translation>
    </message>
    <message>
        <source>e.g. Turn a clinician&apos;s dictation into a SOAP note with Subjective, Objective, Assessment and Plan sections.</source>
        <translation>p. ej., convertir el dictado de una médica en una nota SOAP con las secciones Subjetivo, Objetivo, Evaluación y Plan.</translation>
    </message>
    <message>
        <source>Where to save the project</source>
        <translation>Dónde guardar el proyecto</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Defaults to the file name</source>
        <translation>Por defecto, el nombre del archivo</translation>
    </message>
    <message>
        <source>Teacher (optional, can be set later)</source>
        <translation>Modelo maestro (opcional, se puede configurar más tarde)</translation>
    </message>
    <message>
        <source>e.g. llama3.1:70b</source>
        <translation>p. ej., llama3.1:70b</translation>
    </message>
    <message>
        <source>e.g. OPENAI_API_KEY — the variable&apos;s name, never the key</source>
        <translation>p. ej., OPENAI_API_KEY — el nombre de la variable, nunca la clave</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>Punto de conexión:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <source>API key variable:</source>
        <translation>Variable de la clave de API:</translation>
    </message>
    <message>
        <source>Project file:</source>
        <translation>Archivo de proyecto:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>sin título</translation>
    </message>
    <message>
        <source>Smolify projects (*.smolify)</source>
        <translation>Proyectos de Smolify (*.smolify)</translation>
    </message>
    <message>
        <source>Describe what the model should do.</source>
        <translation>Describa lo que debe hacer el modelo.</translation>
    </message>
    <message>
        <source>Choose where to save the project.</source>
        <translation>Elija dónde guardar el proyecto.</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name.</source>
        <translation>%1 ya existe; elija otro nombre.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>La carpeta %1 no existe.</translation>
    </message>
</context>
<context>
    <name>smolify::ui::OpenExampleDialog</name>
    <message>
        <source>sectioned text</source>
        <translation>texto con secciones</translation>
    </message>
    <message>
        <source>JSON extraction</source>
        <translation>extracción de JSON</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>clasificación</translation>
    </message>
    <message>
        <source>free text</source>
        <translation>texto libre</translation>
    </message>
    <message>
        <source>Saving the task spec</source>
        <translation>Guardando la especificación de la tarea</translation>
    </message>
    <message>
        <source>Replaying the recorded teacher session</source>
        <translation>Reproduciendo la sesión grabada del modelo maestro</translation>
    </message>
    <message>
        <source>Applying the recorded review</source>
        <translation>Aplicando la revisión grabada</translation>
    </message>
    <message>
        <source>Running the example&apos;s prepare command</source>
        <translation>Ejecutando el comando de preparación del ejemplo</translation>
    </message>
    <message>
        <source>Importing the pairs as approved samples</source>
        <translation>Importando los pares como muestras aprobadas</translation>
    </message>
    <message>
        <source>Importing the held-out test pairs</source>
        <translation>Importando los pares de prueba reservados</translation>
    </message>
    <message>
        <source>Training the student</source>
        <translation>Entrenando el modelo alumno</translation>
    </message>
    <message>
        <source>Open Example</source>
        <translation>Abrir ejemplo</translation>
    </message>
    <message>
        <source>Each example is a real task with its data, ready to explore without a teacher, key or network. Choose one and how far to take it; Smolify makes a new project from it.</source>
        <translation>Cada ejemplo es una tarea real con sus datos, lista para explorar sin modelo maestro, clave ni red. Elija uno y hasta dónde llevarlo; Smolify crea con él un proyecto nuevo.</translation>
    </message>
    <message>
        <source>Fresh: the task spec only</source>
        <translation>Nuevo: solo la especificación de la tarea</translation>
    </message>
    <message>
        <source>Generated: the samples made, not yet reviewed</source>
        <translation>Generado: las muestras creadas, aún sin revisar</translation>
    </message>
    <message>
        <source>Reviewed: the review done and the test pairs in</source>
        <translation>Revisado: la revisión hecha y los pares de prueba importados</translation>
    </message>
    <message>
        <source>Trained: reviewed, then a %1-minute training run</source>
        <translation>Entrenado: revisado y después una ejecución de entrenamiento de %1 minutos</translation>
    </message>
    <message>
        <source>Where to save the new project</source>
        <translation>Dónde guardar el nuevo proyecto</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Open at:</source>
        <translation>Abrir en la fase:</translation>
    </message>
    <message>
        <source>Project file:</source>
        <translation>Archivo de proyecto:</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>No examples were found. Smolify looks in:
%1

Set SMOLIFY_EXAMPLES_DIR to a folder of examples to use another.</source>
        <translation>No se encontró ningún ejemplo. Smolify busca en:
%1

Asigne a SMOLIFY_EXAMPLES_DIR una carpeta de ejemplos para usar otra.</translation>
    </message>
    <message>
        <source>Imports data already on this computer with the example&apos;s own program (see its README); the pairs are approved as imported, so there is nothing to review.</source>
        <translation>Importa datos que ya están en este ordenador con el programa propio del ejemplo (consulte su README); los pares se aprueban al importarlos, así que no hay nada que revisar.</translation>
    </message>
    <message>
        <source>A recorded teacher session and a recorded review, replayed without a teacher.</source>
        <translation>Una sesión grabada del modelo maestro y una revisión grabada, reproducidas sin modelo maestro.</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Muestras</translation>
    </message>
    <message>
        <source>Opens on the Intent page with the example&apos;s task spec and no samples.</source>
        <translation>Se abre en la página Intención con la especificación de la tarea del ejemplo y sin muestras.</translation>
    </message>
    <message>
        <source>Runs the prepare command and imports its training pairs as approved samples; opens on the Data page.</source>
        <translation>Ejecuta el comando de preparación e importa sus pares de entrenamiento como muestras aprobadas; se abre en la página Datos.</translation>
    </message>
    <message>
        <source>Replays the teacher session: the samples wait for review on the Data page.</source>
        <translation>Reproduce la sesión del modelo maestro: las muestras esperan la revisión en la página Datos.</translation>
    </message>
    <message>
        <source>Imports the training pairs and the held-out test pairs; opens on the Data page.</source>
        <translation>Importa los pares de entrenamiento y los pares de prueba reservados; se abre en la página Datos.</translation>
    </message>
    <message>
        <source>Applies the recorded review (approvals, edits, rejections with reasons) and imports the held-out test pairs; opens on the Data page.</source>
        <translation>Aplica la revisión grabada (aprobaciones, ediciones, rechazos con motivos) e importa los pares de prueba reservados; se abre en la página Datos.</translation>
    </message>
    <message>
        <source>As reviewed, then trains the student for about %1 minutes on this computer; opens on the Train page.</source>
        <translation>Como Revisado, y después entrena el modelo alumno durante unos %1 minutos en este ordenador; se abre en la página Entrenar.</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>Nuevo proyecto</translation>
    </message>
    <message>
        <source>Smolify projects (*.smolify)</source>
        <translation>Proyectos de Smolify (*.smolify)</translation>
    </message>
    <message>
        <source>Choose an example.</source>
        <translation>Elija un ejemplo.</translation>
    </message>
    <message>
        <source>Choose where to save the project.</source>
        <translation>Elija dónde guardar el proyecto.</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name.</source>
        <translation>%1 ya existe; elija otro nombre.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>La carpeta %1 no existe.</translation>
    </message>
    <message>
        <source>Reading the example…</source>
        <translation>Leyendo el ejemplo…</translation>
    </message>
    <message>
        <source>Cancelled; no project was kept.</source>
        <translation>Cancelado; no se ha conservado ningún proyecto.</translation>
    </message>
    <message>
        <source>The example could not be opened:
%1</source>
        <translation>No se pudo abrir el ejemplo:
%1</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>paso %1 de %2</translation>
    </message>
</context>
<context>
    <name>smolify::ui::PlaygroundPage</name>
    <message>
        <source>the model ended its answer</source>
        <translation>el modelo terminó su respuesta</translation>
    </message>
    <message>
        <source>the token limit</source>
        <translation>el límite de tokens</translation>
    </message>
    <message>
        <source>the model&apos;s context is full</source>
        <translation>el contexto del modelo está lleno</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <source>Open File…</source>
        <translation>Abrir archivo…</translation>
    </message>
    <message>
        <source>0 (greedy)</source>
        <translation>0 (voraz)</translation>
    </message>
    <message>
        <source>Keep the contract</source>
        <translation>Cumplir el contrato</translation>
    </message>
    <message>
        <source>Labels: the label the model scores highest. Sections or JSON: only answers that keep the task spec&apos;s format.</source>
        <translation>Etiquetas: la etiqueta a la que el modelo da la puntuación más alta. Secciones o JSON: solo respuestas que respeten el formato de la especificación de la tarea.</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>Temperatura:</translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation>Tokens máx.:</translation>
    </message>
    <message>
        <source>Ask the teacher too</source>
        <translation>Preguntar también al modelo maestro</translation>
    </message>
    <message>
        <source>Type or paste an input, then Run (Ctrl+Enter).</source>
        <translation>Escriba o pegue una entrada y pulse Ejecutar (Ctrl+Intro).</translation>
    </message>
    <message>
        <source>The student&apos;s answer appears here as it is written.</source>
        <translation>La respuesta del modelo alumno aparece aquí a medida que se escribe.</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Modelo alumno</translation>
    </message>
    <message>
        <source>With &quot;Ask the teacher too&quot;: the teacher&apos;s answer, for comparison.</source>
        <translation>Con «Preguntar también al modelo maestro»: la respuesta del modelo maestro, para comparar.</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Modelo maestro</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecutar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>cualquier puerto libre</translation>
    </message>
    <message>
        <source>Serve This Model</source>
        <translation>Servir este modelo</translation>
    </message>
    <message>
        <source>While serving: a curl line that asks it</source>
        <translation>Mientras se sirve: una línea de curl que le hace una consulta</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Puerto:</translation>
    </message>
    <message>
        <source>OpenAI-compatible endpoint on this computer</source>
        <translation>Punto de conexión compatible con OpenAI en este ordenador</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <source>Stop Serving</source>
        <translation>Dejar de servir</translation>
    </message>
    <message>
        <source>This project&apos;s newest training run (F32)</source>
        <translation>La ejecución de entrenamiento más reciente de este proyecto (F32)</translation>
    </message>
    <message>
        <source>%1 · %2 (exported %3)</source>
        <translation>%1 · %2 (exportado %3)</translation>
    </message>
    <message>
        <source>%1 answers the same input; the call is journaled and priced</source>
        <translation>%1 responde a la misma entrada; la llamada queda registrada en el diario y se calcula su coste</translation>
    </message>
    <message>
        <source>Set a teacher on the Intent page first</source>
        <translation>Configure primero un modelo maestro en la página Intención</translation>
    </message>
    <message>
        <source>Open a model file</source>
        <translation>Abrir un archivo de modelo</translation>
    </message>
    <message>
        <source>GGUF model (*.gguf)</source>
        <translation>Modelo GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>Type an input first.</source>
        <translation>Escriba primero una entrada.</translation>
    </message>
    <message>
        <source>Reading the teacher&apos;s key from the OS keyring…</source>
        <translation>Leyendo la clave del modelo maestro del llavero del sistema…</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Cargando el modelo…</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Escribiendo…</translation>
    </message>
    <message>
        <source>Asking the teacher…</source>
        <translation>Consultando al modelo maestro…</translation>
    </message>
    <message>
        <source>%1 tokens, %2 tokens/s; the %3-token prompt took %4 ms; ended by %5.</source>
        <translation>%1 tokens, %2 tokens/s; el prompt de %3 tokens tardó %4 ms; fin: %5.</translation>
    </message>
    <message>
        <source>Contract kept (%1).</source>
        <translation>Contrato cumplido (%1).</translation>
    </message>
    <message>
        <source>Not constrained: %1</source>
        <translation>Sin restricción: %1</translation>
    </message>
    <message>
        <source>Could not answer: %1</source>
        <translation>No se pudo responder: %1</translation>
    </message>
    <message>
        <source>answered from the journal, no cost</source>
        <translation>respondido desde el diario, sin coste</translation>
    </message>
    <message>
        <source>cost unknown (the model is not in the price table)</source>
        <translation>coste desconocido (el modelo no está en la tabla de precios)</translation>
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
        <translation>El modelo maestro no respondió: %1</translation>
    </message>
    <message>
        <source>The endpoint serves a model file: export one on the Export page first.</source>
        <translation>El punto de conexión sirve un archivo de modelo: exporte primero uno en la página Exportar.</translation>
    </message>
    <message>
        <source>Could not serve: %1</source>
        <translation>No se pudo servir: %1</translation>
    </message>
    <message>
        <source>Serving %1 at %2</source>
        <translation>Sirviendo %1 en %2</translation>
    </message>
    <message>
        <source>Serving at %1</source>
        <translation>Sirviendo en %1</translation>
    </message>
    <message>
        <source>Stopped serving.</source>
        <translation>Se ha dejado de servir.</translation>
    </message>
    <message>
        <source>no project is open</source>
        <translation>no hay ningún proyecto abierto</translation>
    </message>
</context>
<context>
    <name>smolify::ui::RejectReasonDialog</name>
    <message>
        <source>Reject Sample</source>
        <translation>Rechazar muestra</translation>
    </message>
    <message numerus="yes">
        <source>Reject %n Samples</source>
        <translation>
            <numerusform>Rechazar %n muestra</numerusform>
            <numerusform>Rechazar %n muestras</numerusform>
        </translation>
    </message>
    <message>
        <source>Why is this sample wrong? The reason is kept with the sample and steers later generation away from the same mistake.</source>
        <translation>¿Qué tiene de incorrecto esta muestra? El motivo se guarda con la muestra y aleja la generación posterior del mismo error.</translation>
    </message>
    <message numerus="yes">
        <source>Why are these %n samples wrong? The reason is kept with each sample and steers later generation away from the same mistake.</source>
        <translation>
            <numerusform>¿Qué tiene de incorrecto esta muestra? El motivo se guarda con la muestra y aleja la generación posterior del mismo error.</numerusform>
            <numerusform>¿Qué tienen de incorrecto estas %n muestras? El motivo se guarda con cada muestra y aleja la generación posterior del mismo error.</numerusform>
        </translation>
    </message>
    <message>
        <source>e.g. output misses the Plan section</source>
        <translation>p. ej., a la salida le falta la sección Plan</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
</context>
<context>
    <name>smolify::ui::RevisionHistory</name>
    <message>
        <source>Revision</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Usted</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (actual)</translation>
    </message>
    <message>
        <source>%1 (original)</source>
        <translation>%1 (original)</translation>
    </message>
</context>
<context>
    <name>smolify::ui::SampleDetailPane</name>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Edit the input and output (E). Every version is kept.</source>
        <translation>Editar la entrada y la salida (E). Se conservan todas las versiones.</translation>
    </message>
    <message>
        <source>Editing: Ctrl+Enter saves, Esc cancels</source>
        <translation>Edición: Ctrl+Intro guarda, Esc cancela</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Save Edit</source>
        <translation>Guardar edición</translation>
    </message>
    <message>
        <source>Cancel Edit</source>
        <translation>Cancelar edición</translation>
    </message>
    <message>
        <source>Save the edit (%1)</source>
        <translation>Guardar la edición (%1)</translation>
    </message>
    <message>
        <source>Put the stored text back (Esc)</source>
        <translation>Restaurar el texto guardado (Esc)</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Could not read sample #%1: %2</source>
        <translation>No se pudo leer la muestra #%1: %2</translation>
    </message>
    <message>
        <source>Sample #%1</source>
        <translation>Muestra #%1</translation>
    </message>
    <message>
        <source>Split: %1</source>
        <translation>Partición: %1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Origen: %1</translation>
    </message>
    <message>
        <source>Topic: %1</source>
        <translation>Tema: %1</translation>
    </message>
    <message>
        <source>Reviewed: %1</source>
        <translation>Revisada: %1</translation>
    </message>
    <message>
        <source>Not edited</source>
        <translation>Sin editar</translation>
    </message>
    <message>
        <source>Edited, %1 versions kept</source>
        <translation>Editada, se conservan %1 versiones</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Rechazada: %1</translation>
    </message>
    <message>
        <source>Provenance: %1</source>
        <translation>Procedencia: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n samples selected.

A approves them all, R rejects them all with one reason, Ctrl+Z takes the decision back.</source>
        <translation>
            <numerusform>%n muestra seleccionada.

A la aprueba, R la rechaza con un motivo, Ctrl+Z deshace la decisión.</numerusform>
            <numerusform>%n muestras seleccionadas.

A las aprueba todas, R las rechaza todas con un mismo motivo, Ctrl+Z deshace la decisión.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a sample to read it in full.</source>
        <translation>Seleccione una muestra para leerla completa.</translation>
    </message>
    <message>
        <source>History (%1)</source>
        <translation>Historial (%1)</translation>
    </message>
    <message>
        <source>Not edited yet: the first edit keeps the original text as revision 1</source>
        <translation>Aún sin editar: la primera edición conserva el texto original como versión 1</translation>
    </message>
    <message>
        <source>Every version of this sample, with who wrote it and when</source>
        <translation>Todas las versiones de esta muestra, con quién la escribió y cuándo</translation>
    </message>
    <message>
        <source>No changes to save in #%1</source>
        <translation>No hay cambios que guardar en #%1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No guardado: %1</translation>
    </message>
    <message>
        <source>Could not read the history of #%1: %2</source>
        <translation>No se pudo leer el historial de #%1: %2</translation>
    </message>
    <message>
        <source>Showing the original text (revision 1, %1, %2), not the current one.</source>
        <translation>Se muestra el texto original (versión 1, %1, %2), no el actual.</translation>
    </message>
    <message>
        <source>Showing revision %1 (%2, %3), not the current text.</source>
        <translation>Se muestra la versión %1 (%2, %3), no el texto actual.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
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
        <translation>Estado</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Partición</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Revisada</translation>
    </message>
    <message>
        <source>Sample number</source>
        <translation>Número de muestra</translation>
    </message>
    <message>
        <source>(no longer in the project)</source>
        <translation>(ya no está en el proyecto)</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Rechazada: %1</translation>
    </message>
</context>
<context>
    <name>smolify::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Interfaz</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Takes effect the next time Smolify starts.</source>
        <translation>Se aplica la próxima vez que se inicie Smolify.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Vaciar lista</translation>
    </message>
    <message>
        <source>Forget Reasons</source>
        <translation>Olvidar motivos</translation>
    </message>
    <message>
        <source>Recent projects:</source>
        <translation>Proyectos recientes:</translation>
    </message>
    <message>
        <source>Reject reasons:</source>
        <translation>Motivos de rechazo:</translation>
    </message>
    <message>
        <source>One project in File › Open Recent</source>
        <translation>Un proyecto en Archivo › Abrir reciente</translation>
    </message>
    <message numerus="yes">
        <source>%n projects in File › Open Recent</source>
        <translation>
            <numerusform>%n proyecto en Archivo › Abrir reciente</numerusform>
            <numerusform>%n proyectos en Archivo › Abrir reciente</numerusform>
        </translation>
    </message>
    <message>
        <source>One remembered for the Reject dialog</source>
        <translation>Uno guardado para el diálogo Rechazar</translation>
    </message>
    <message numerus="yes">
        <source>%n remembered for the Reject dialog</source>
        <translation>
            <numerusform>%n guardado para el diálogo Rechazar</numerusform>
            <numerusform>%n guardados para el diálogo Rechazar</numerusform>
        </translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Rendimiento</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Todos los núcleos (%1)</translation>
    </message>
    <message>
        <source>For new training runs (a resumed run keeps its own count, so its numbers stay reproducible) and for evaluation, export measurements and the playground. More threads than cores only slow things down.</source>
        <translation>Para los entrenamientos nuevos (uno reanudado conserva su propio número, para que sus cifras sigan siendo reproducibles) y para la evaluación, las mediciones de exportación y la zona de pruebas. Más hilos que núcleos solo ralentizan.</translation>
    </message>
    <message>
        <source>Training threads:</source>
        <translation>Hilos de entrenamiento:</translation>
    </message>
    <message>
        <source>Inference threads:</source>
        <translation>Hilos de inferencia:</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exportaciones</translation>
    </message>
    <message>
        <source>Beside the project file</source>
        <translation>Junto al archivo del proyecto</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Where Exports Go</source>
        <translation>Dónde van las exportaciones</translation>
    </message>
    <message>
        <source>Default folder:</source>
        <translation>Carpeta predeterminada:</translation>
    </message>
    <message>
        <source>The Export page proposes NAME-model/NAME.TYPE.gguf in this folder; you can still change it for each export.</source>
        <translation>La página Exportar propone NOMBRE-model/NOMBRE.TIPO.gguf en esta carpeta; puede cambiarlo en cada exportación.</translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>Modelos maestros</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Modelo maestro</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>URL base</translation>
    </message>
    <message>
        <source>Key variable</source>
        <translation>Variable de la clave</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>this machine</source>
        <translation>este equipo</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Input, $ per million tokens</source>
        <translation>Entrada, $ por millón de tokens</translation>
    </message>
    <message>
        <source>Output, $ per million tokens</source>
        <translation>Salida, $ por millón de tokens</translation>
    </message>
    <message>
        <source>Add Model</source>
        <translation>Añadir modelo</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Save Prices</source>
        <translation>Guardar precios</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Restaurar valores predeterminados</translation>
    </message>
    <message>
        <source>e.g. gpu-box.lan, 10.0.0.5</source>
        <translation>p. ej. gpu-box.lan, 10.0.0.5</translation>
    </message>
    <message>
        <source>A project in air-gap mode reaches only a teacher on this machine (localhost, 127.0.0.1, ::1) or on these hosts, such as a server on your own network.</source>
        <translation>Un proyecto en modo aislado solo llega a un modelo maestro en este equipo (localhost, 127.0.0.1, ::1) o en estos hosts, como un servidor de su propia red.</translation>
    </message>
    <message>
        <source>What generation costs is counted with these prices (a project&apos;s own prices win). Prices change: check your provider&apos;s page.</source>
        <translation>El coste de la generación se calcula con estos precios (los precios propios de un proyecto tienen prioridad). Los precios cambian: consulte la página de su proveedor.</translation>
    </message>
    <message>
        <source>Presets:</source>
        <translation>Ajustes predefinidos:</translation>
    </message>
    <message>
        <source>Prices:</source>
        <translation>Precios:</translation>
    </message>
    <message>
        <source>Air-gap hosts:</source>
        <translation>Hosts permitidos sin conexión:</translation>
    </message>
    <message>
        <source>Settings that belong to a project (its intent, its teacher and that teacher&apos;s key) live in the project file and the OS keyring, not here.</source>
        <translation>Los ajustes que pertenecen a un proyecto (su objetivo, su modelo maestro y la clave de este) están en el archivo del proyecto y en el llavero del sistema, no aquí.</translation>
    </message>
    <message numerus="yes">
        <source>Your prices (%n models).</source>
        <translation>
            <numerusform>Sus precios (%n modelo).</numerusform>
            <numerusform>Sus precios (%n modelos).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The built-in prices (%n models).</source>
        <translation>
            <numerusform>Los precios incorporados (%n modelo).</numerusform>
            <numerusform>Los precios incorporados (%n modelos).</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1: give a model name and two prices of 0 or more (dollars per million tokens). Nothing was saved.</source>
        <translation>Fila %1: indique un nombre de modelo y dos precios de 0 o más (dólares por millón de tokens). No se guardó nada.</translation>
    </message>
    <message numerus="yes">
        <source>Saved: %n models.</source>
        <translation>
            <numerusform>Guardado: %n modelo.</numerusform>
            <numerusform>Guardado: %n modelos.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smolify::ui::SynthPanel</name>
    <message>
        <source>time left unknown</source>
        <translation>tiempo restante desconocido</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>quedan %1 s</translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>quedan %1 min</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Modelo maestro</translation>
    </message>
    <message>
        <source>Change Teacher…</source>
        <translation>Cambiar modelo maestro…</translation>
    </message>
    <message>
        <source>Task spec</source>
        <translation>Especificación de la tarea</translation>
    </message>
    <message>
        <source>Draft with Teacher</source>
        <translation>Redactar con el modelo maestro</translation>
    </message>
    <message>
        <source>The teacher drafts the task kind, instruction, output contract, diversity axes and seed examples from the intent; you edit it after.</source>
        <translation>El modelo maestro redacta, a partir de la intención, el tipo de tarea, la instrucción, el contrato de salida, los ejes de diversidad y los ejemplos iniciales; después usted edita la especificación.</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Generate samples</source>
        <translation>Generar muestras</translation>
    </message>
    <message>
        <source>Judge each sample (a second teacher call)</source>
        <translation>Juzgar cada muestra (una segunda llamada al modelo maestro)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Accepted samples wanted:</source>
        <translation>Muestras aceptadas deseadas:</translation>
    </message>
    <message>
        <source>Budget:</source>
        <translation>Presupuesto:</translation>
    </message>
    <message>
        <source>New samples arrive as pending on the Data page. Approved samples, rejection reasons and your edits steer the next run.</source>
        <translation>Las muestras nuevas llegan como pendientes a la página Datos. Las muestras aprobadas, los motivos de rechazo y sus ediciones orientan la siguiente ejecución.</translation>
    </message>
    <message>
        <source>No teacher yet. Choose one to draft a spec and generate samples.</source>
        <translation>Aún no hay ningún modelo maestro. Elija uno para redactar una especificación y generar muestras.</translation>
    </message>
    <message>
        <source>key in the OS keyring</source>
        <translation>clave en el llavero del sistema</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>sin clave</translation>
    </message>
    <message>
        <source>key from $%1</source>
        <translation>clave de $%1</translation>
    </message>
    <message>
        <source>%1 at %2 (%3%4)</source>
        <translation>%1 en %2 (%3%4)</translation>
    </message>
    <message>
        <source>, air-gapped</source>
        <translation>, solo local</translation>
    </message>
    <message>
        <source>No task spec yet. Draft one with the teacher, or edit one by hand.</source>
        <translation>Aún no hay ninguna especificación de la tarea. Redacte una con el modelo maestro o escríbala a mano.</translation>
    </message>
    <message>
        <source>Version %1 (%2)
</source>
        <translation>Versión %1 (%2)
</translation>
    </message>
    <message>
        <source>Task Spec</source>
        <translation>Especificación de la tarea</translation>
    </message>
    <message>
        <source>The spec as JSON (docs/synth.md describes the fields). Saving adds a new version; samples keep the version they were made under.</source>
        <translation>La especificación en JSON (docs/synth.md describe los campos). Al guardar se añade una versión nueva; las muestras conservan la versión con la que se crearon.</translation>
    </message>
    <message>
        <source>Task spec saved as a new version.</source>
        <translation>Especificación de la tarea guardada como versión nueva.</translation>
    </message>
    <message>
        <source>Reading the key from the OS keyring…</source>
        <translation>Leyendo la clave del llavero del sistema…</translation>
    </message>
    <message>
        <source>Asking the teacher for a task spec…</source>
        <translation>Pidiendo una especificación de la tarea al modelo maestro…</translation>
    </message>
    <message>
        <source>Asking the teacher for a task spec… %1</source>
        <translation>Pidiendo una especificación de la tarea al modelo maestro… %1</translation>
    </message>
    <message>
        <source>The teacher drafted spec version %1 (%2). Review it, and edit what is off.</source>
        <translation>El modelo maestro ha redactado la versión %1 de la especificación (%2). Revísela y corrija lo que no encaje.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>%1 accepted, %2 rejected, %3 duplicates, %4 failed calls, %5</source>
        <translation>%1 aceptadas, %2 rechazadas, %3 duplicadas, %4 llamadas fallidas, %5</translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation>Terminado: %1.</translation>
    </message>
    <message>
        <source>Stopped: %1. Generate again to continue the run.</source>
        <translation>Detenido: %1. Pulse Generar de nuevo para continuar la ejecución.</translation>
    </message>
    <message>
        <source>Stopped early: %1. %2</source>
        <translation>Detenido antes de tiempo: %1. %2</translation>
    </message>
    <message>
        <source>Stopping after the replies in flight…</source>
        <translation>Deteniendo tras las respuestas en curso…</translation>
    </message>
    <message>
        <source>%1 of %2 accepted · %3 rejected · %4 duplicates · %5 failed · %6 · %7</source>
        <translation>%1 de %2 aceptadas · %3 rechazadas · %4 duplicadas · %5 fallidas · %6 · %7</translation>
    </message>
    <message>
        <source>Teacher: %1</source>
        <translation>Modelo maestro: %1</translation>
    </message>
</context>
<context>
    <name>smolify::ui::TeacherDialog</name>
    <message>
        <source>Teacher</source>
        <translation>Modelo maestro</translation>
    </message>
    <message>
        <source>Custom endpoint</source>
        <translation>Punto de conexión personalizado</translation>
    </message>
    <message>
        <source>e.g. gpt-4o-mini or llama3.1:8b</source>
        <translation>p. ej., gpt-4o-mini o llama3.1:8b</translation>
    </message>
    <message>
        <source>No key (a server on this machine)</source>
        <translation>Sin clave (un servidor en este equipo)</translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation>Variable de entorno</translation>
    </message>
    <message>
        <source>OS keyring</source>
        <translation>Llavero del sistema</translation>
    </message>
    <message>
        <source>JSON schema (OpenAI, Gemini, Ollama, llama.cpp, vLLM)</source>
        <translation>Esquema JSON (OpenAI, Gemini, Ollama, llama.cpp, vLLM)</translation>
    </message>
    <message>
        <source>JSON object only</source>
        <translation>Solo objeto JSON</translation>
    </message>
    <message>
        <source>None (the prompt asks for JSON)</source>
        <translation>Ninguna (el prompt pide JSON)</translation>
    </message>
    <message>
        <source>Air-gap: allow only a teacher on this machine</source>
        <translation>Solo local: permitir solo un modelo maestro en este equipo</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Proveedor:</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>URL base:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Clave de API:</translation>
    </message>
    <message>
        <source>Variable name:</source>
        <translation>Nombre de la variable:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Clave:</translation>
    </message>
    <message>
        <source>Structured output:</source>
        <translation>Salida estructurada:</translation>
    </message>
    <message>
        <source>The key is never written to the project: it stays in the OS keyring or in your environment.</source>
        <translation>La clave nunca se escribe en el proyecto: se queda en el llavero del sistema o en su entorno.</translation>
    </message>
    <message>
        <source>stored; type to replace</source>
        <translation>guardada; escriba para reemplazarla</translation>
    </message>
    <message>
        <source>paste the API key</source>
        <translation>pegue la clave de API</translation>
    </message>
    <message>
        <source>Give the teacher&apos;s base URL and model.</source>
        <translation>Indique la URL base y el nombre del modelo maestro.</translation>
    </message>
    <message>
        <source>Name the environment variable that holds the key.</source>
        <translation>Indique la variable de entorno que contiene la clave.</translation>
    </message>
    <message>
        <source>Paste the API key to store in the OS keyring.</source>
        <translation>Pegue la clave de API que se guardará en el llavero del sistema.</translation>
    </message>
    <message>
        <source>Storing the key in the OS keyring…</source>
        <translation>Guardando la clave en el llavero del sistema…</translation>
    </message>
</context>
<context>
    <name>smolify::ui::TrainPage</name>
    <message>
        <source>Starting</source>
        <translation>Iniciando</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenida</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Preajuste</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation>Mejor pérdida val.</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Automatic — the best model the time limit allows</source>
        <translation>Automático — el mejor modelo en el tiempo límite</translation>
    </message>
    <message>
        <source>Micro — seconds, for a first look</source>
        <translation>Micro — segundos, para un primer vistazo</translation>
    </message>
    <message>
        <source>Tiny — minutes, for trying things out</source>
        <translation>Diminuto — minutos, para probar</translation>
    </message>
    <message>
        <source>Small — a good first model</source>
        <translation>Pequeño — un buen primer modelo</translation>
    </message>
    <message>
        <source>Base — best quality, takes hours</source>
        <translation>Base — la mejor calidad, tarda horas</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sin límite</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>The time to train. With the automatic model the size of the model and its schedule are fitted to it on this computer; otherwise the run stops there and Resume continues it.</source>
        <translation>El tiempo de entrenamiento. Con el modelo automático, el tamaño del modelo y su programación se ajustan a él en este ordenador; si no, la ejecución se detiene ahí y Reanudar la continúa.</translation>
    </message>
    <message>
        <source>Without a step limit the run ends after %1 epochs, or earlier when the validation loss stops improving.</source>
        <translation>Sin límite de pasos, la ejecución termina tras %1 épocas, o antes si la pérdida de validación deja de mejorar.</translation>
    </message>
    <message>
        <source>The same seed, samples and settings train the same model again.</source>
        <translation>La misma semilla, las mismas muestras y los mismos ajustes vuelven a entrenar el mismo modelo.</translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation>Iniciar entrenamiento</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Stops after the current step; the run can be resumed later.</source>
        <translation>Se detiene tras el paso actual; la ejecución puede reanudarse más tarde.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Continues the selected run from its last checkpoint.</source>
        <translation>Continúa la ejecución seleccionada desde su último punto de control.</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>&amp;Preajuste:</translation>
    </message>
    <message>
        <source>Max &amp;time:</source>
        <translation>&amp;Tiempo máx.:</translation>
    </message>
    <message>
        <source>Max st&amp;eps:</source>
        <translation>Pa&amp;sos máx.:</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>Se&amp;milla:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Época</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>Val loss</source>
        <translation>Pérdida val.</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Tokens/s</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Transcurrido</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Restante</translation>
    </message>
    <message>
        <source>Loss (log scale)</source>
        <translation>Pérdida (escala log.)</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validación</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tasa de aprendizaje</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Rendimiento</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>Escala &amp;logarítmica</translation>
    </message>
    <message>
        <source>Show loss on a logarithmic axis, so late small improvements stay visible.</source>
        <translation>Mostrar la pérdida en un eje logarítmico para que las pequeñas mejoras tardías sigan siendo visibles.</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonada</translation>
    </message>
    <message>
        <source>%1 · %2M weights</source>
        <translation>%1 · %2 M de pesos</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>No training runs yet. Start one here or with smolify-cli train; it is charted here as it learns.</source>
        <translation>Aún no hay ejecuciones de entrenamiento. Inicie una aquí o con smolify-cli train; su gráfica aparece aquí a medida que aprende.</translation>
    </message>
    <message>
        <source>Run #%1 has not recorded a step yet.</source>
        <translation>La ejecución #%1 aún no ha registrado ningún paso.</translation>
    </message>
    <message>
        <source>Run #%1</source>
        <translation>Ejecución #%1</translation>
    </message>
    <message>
        <source>Run #%1 stopped reporting; the program that ran it has probably ended. Resume continues it from its last checkpoint.</source>
        <translation>La ejecución #%1 dejó de informar; probablemente el programa que la ejecutaba ha terminado. Reanudar la continúa desde su último punto de control.</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>Deteniendo tras el paso actual…</translation>
    </message>
    <message>
        <source>Paused at step %1. Resume continues it from its last checkpoint.</source>
        <translation>En pausa en el paso %1. Reanudar la continúa desde su último punto de control.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modelo: %1</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>Datos: %1</translation>
    </message>
    <message>
        <source>Recipe: input loss weight %1, input dropout %2, dropout %3; best checkpoint by %4</source>
        <translation>Receta: peso de la pérdida de entrada %1, dropout de entrada %2, dropout %3; mejor punto de control según %4</translation>
    </message>
    <message>
        <source>Labels: distilled at weight %1 from an n-gram classifier (%2% right on samples it did not see)</source>
        <translation>Etiquetas: destiladas con peso %1 de un clasificador de n-gramas (%2 % de aciertos en muestras que no vio)</translation>
    </message>
    <message>
        <source>
Label accuracy on the validation slice: %1%</source>
        <translation>
Exactitud de las etiquetas en el fragmento de validación: %1 %</translation>
    </message>
    <message>
        <source>
Score of greedy answers on the validation slice: %1</source>
        <translation>
Puntuación de las respuestas voraces en el fragmento de validación: %1</translation>
    </message>
    <message>
        <source>Cannot read the training runs: %1</source>
        <translation>No se pueden leer las ejecuciones de entrenamiento: %1</translation>
    </message>
    <message>
        <source>Open a project to train a model.</source>
        <translation>Abra un proyecto para entrenar un modelo.</translation>
    </message>
    <message>
        <source>Nothing to train on yet: none of the %1 training samples is approved. Review them on the Data page; the student learns only from approved samples.</source>
        <translation>Aún no hay nada con lo que entrenar: ninguna de las %1 muestras de entrenamiento está aprobada. Revíselas en la página Datos; el modelo alumno solo aprende de las muestras aprobadas.</translation>
    </message>
    <message>
        <source>Nothing to train on yet: the project has no approved training samples. Import or generate samples and approve them on the Data page.</source>
        <translation>Aún no hay nada con lo que entrenar: el proyecto no tiene muestras de entrenamiento aprobadas. Importe o genere muestras y apruébelas en la página Datos.</translation>
    </message>
    <message>
        <source>Not enough to train on yet: %1 approved training samples, and the student needs at least %2. Approve more on the Data page.</source>
        <translation>Aún no hay suficientes para entrenar: %1 muestras de entrenamiento aprobadas, y el modelo alumno necesita al menos %2. Apruebe más en la página Datos.</translation>
    </message>
    <message>
        <source>Resuming run #%1…</source>
        <translation>Reanudando la ejecución #%1…</translation>
    </message>
    <message>
        <source>Preparing the training data…</source>
        <translation>Preparando los datos de entrenamiento…</translation>
    </message>
    <message>
        <source>Training stopped: %1</source>
        <translation>Entrenamiento detenido: %1</translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>El entrenamiento ha fallado.</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>El entrenamiento ha fallado: %1</translation>
    </message>
    <message>
        <source>Run #%1 used its time budget at step %2; Resume continues it.</source>
        <translation>La ejecución #%1 agotó su tiempo en el paso %2; Reanudar la continúa.</translation>
    </message>
    <message>
        <source>Stopped run #%1 at step %2; Resume continues it.</source>
        <translation>Ejecución #%1 detenida en el paso %2; Reanudar la continúa.</translation>
    </message>
    <message>
        <source>Run #%1 finished after %2 steps: the validation loss had stopped improving.</source>
        <translation>La ejecución #%1 terminó tras %2 pasos: la pérdida de validación había dejado de mejorar.</translation>
    </message>
    <message>
        <source>Run #%1 finished after %2 steps.</source>
        <translation>La ejecución #%1 terminó tras %2 pasos.</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>Estimar</translation>
    </message>
    <message>
        <source>Plans the run on this corpus and measures this machine&apos;s pace, without training: the model, the context, what it cuts, the time per epoch.</source>
        <translation>Planifica el entrenamiento con este corpus y mide la velocidad de este equipo, sin entrenar: el modelo, el contexto, lo que se recorta, el tiempo por época.</translation>
    </message>
    <message>
        <source>The settings changed: press Estimate for this run&apos;s time and size.</source>
        <translation>Los ajustes han cambiado: pulse Estimar para ver el tiempo y el tamaño de este entrenamiento.</translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation>Sin estimación: %1</translation>
    </message>
    <message>
        <source>Estimate: %1 weights (%2), about %3 per epoch at %4 tokens/s measured here; %5 steps (%6 epochs), about %7 of training.</source>
        <translation>Estimación: %1 pesos (%2), unos %3 por época a %4 tokens/s medidos aquí; %5 pasos (%6 épocas), unos %7 de entrenamiento.</translation>
    </message>
    <message>
        <source>Context %1 tokens: no sample is cut or dropped.</source>
        <translation>Contexto de %1 tokens: no se recorta ni se descarta ningún ejemplo.</translation>
    </message>
    <message>
        <source>Context %1 tokens: %2 samples cut, %3 dropped (too long for the context).</source>
        <translation>Contexto de %1 tokens: %2 ejemplos recortados, %3 descartados (demasiado largos para el contexto).</translation>
    </message>
    <message>
        <source>Estimating: planning the run and measuring this machine&apos;s pace…</source>
        <translation>Estimando: se planifica el entrenamiento y se mide la velocidad de este equipo…</translation>
    </message>
    <message>
        <source>Starting once the estimate is done…</source>
        <translation>Empezará en cuanto termine la estimación…</translation>
    </message>
</context>
<context>
    <name>smolify::ui::WelcomePage</name>
    <message>
        <source>Turn what you need into a small language model you own: review the data, train on this computer, take one file with you.</source>
        <translation>Convierta lo que necesita en un modelo de lenguaje pequeño y propio: revise los datos, entrene en este ordenador y llévese un solo archivo.</translation>
    </message>
    <message>
        <source>New Project…</source>
        <translation>Nuevo proyecto…</translation>
    </message>
    <message>
        <source>Open Project…</source>
        <translation>Abrir proyecto…</translation>
    </message>
    <message>
        <source>Open Example…</source>
        <translation>Abrir ejemplo…</translation>
    </message>
    <message>
        <source>Explore Smolify with a bundled example and its real data</source>
        <translation>Explore Smolify con un ejemplo incluido y sus datos reales</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Proyectos recientes</translation>
    </message>
</context>
</TS>
